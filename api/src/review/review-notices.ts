// 待复核 → the people who must act are told (第四、五条: the department's specialist keeps its policies and
// interpretations current). When a 口径 or interpretation is flagged, its department's specialists get a
// workbench inbox message, and an e-mail where NOTIFY_EMAIL_TO has an address for the department:
// 「口径待复核：<title>（所引事项 <itemCode> 已修订/已失效/已废止）」.
//
// Where the event is produced, and why here: the flag is written by the CMS (cms/src/citations/: in the
// publication's transaction, or by its expiry pass) and reaches the api only through the search index,
// the api's read model of the CMS (search-sync carries it with its retries). The api cannot join the CMS's
// transaction, and the CMS cannot write the api's outbox (rooms meet only in schemas/), so this watcher
// reads the pending entries from the index and enqueues into the api's notification outbox
// (notifications/). A flag is identified by (entry, flaggedAt): the CMS keeps flaggedAt while a pending
// entry collects further changes and sets a new one after a review, so one flag gives one notice per
// recipient and channel (the delivery id is the dedupe key; re-running adds none), and a new flag after a
// review gives a new notice. Nothing is lost: a flag stays pending in the index until it is reviewed, so a
// pass that fails is made good by the next one.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { SearchDocumentHit } from '../search/search-index.ts';
import type { Clock } from '../clock/clock.ts';
import { startPeriodicPass, type PeriodicPass } from '../clock/periodic.ts';
import { shanghaiDate } from '../clock/shanghai-time.ts';
import type { Database, NotificationDeliveriesTable } from '../db/schema.ts';
import { deliveryId } from '../notifications/enqueue.ts';
import type { ReviewFlagFacts } from '../notifications/messages.ts';
import { routesFor, type NotificationTargets } from '../notifications/targets.ts';
import type { SearchIndex } from '../search/search-index.ts';

const MAX_ENTRIES = 1000;

export interface ReviewNoticeDeps {
  db: Kysely<Database>;
  search: SearchIndex;
  clock: Clock;
  targets: NotificationTargets;
}

export const reviewEventKey = (type: string, documentId: string, flaggedAtTs: number) => `review:${type}:${documentId}:${flaggedAtTs}`;

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

type Hit = Pick<SearchDocumentHit, 'type' | 'documentId' | 'locale' | 'title' | 'departmentCode' | 'flaggedAtTs' | 'reviewReason' | 'relatedItemDocumentIds' | 'citedVersions'>;
type ItemHit = Pick<SearchDocumentHit, 'documentId' | 'locale' | 'itemCode' | 'validity' | 'effectiveUntil' | 'publishedAtTs'>;

/** The cited item the flag concerns and what happened to it, as the index shows it now. */
function changeOf(entry: Hit, items: Map<string, ItemHit[]>, today: string): { itemCode: string | null; change: string | null } {
  let first: { itemCode: string | null; change: string | null } | null = null;
  for (const id of entry.relatedItemDocumentIds) {
    const rows = items.get(id) ?? [];
    const code = rows.find((r) => r.itemCode)?.itemCode ?? null;
    let change: string | null = null;
    if (rows.length === 0) change = '已撤回发布';
    else if (rows.some((r) => r.validity === 'repealed')) change = '已废止';
    else if (rows.some((r) => r.validity === 'expired' || (r.effectiveUntil !== null && r.effectiveUntil < today))) change = '已失效';
    else {
      const version = new Date(Math.max(...rows.map((r) => r.publishedAtTs))).toISOString();
      const cited = entry.citedVersions?.[id];
      if (cited && cited !== version) change = '已修订';
    }
    if (change) return { itemCode: code, change };
    first ??= { itemCode: code, change: null };
  }
  // Nothing visible on the items (e.g. their policy was replaced): the reason says what changed.
  return first ?? { itemCode: null, change: null };
}

/**
 * One pass: every pending 口径 and interpretation in the index whose flag has not been notified yet gets its
 * deliveries. Returns the flags newly notified and the deliveries enqueued.
 */
export async function enqueueReviewNotices(deps: ReviewNoticeDeps): Promise<{ flags: number; enqueued: number }> {
  const res = await deps.search.search('', {
    filter: ['type IN ["hotline_answer", "interpretation"]', 'reviewStatus = "pending"'],
    attributesToRetrieve: ['type', 'documentId', 'locale', 'title', 'departmentCode', 'flaggedAtTs', 'reviewReason', 'relatedItemDocumentIds', 'citedVersions'],
    limit: MAX_ENTRIES,
  });
  // One entry per document: its zh-Hans version names it (the specialists work in Chinese).
  const entries = new Map<string, Hit>();
  for (const h of res.hits as Hit[]) {
    if (!h.departmentCode || typeof h.flaggedAtTs !== 'number') continue;
    const key = reviewEventKey(h.type, h.documentId, h.flaggedAtTs);
    const seen = entries.get(key);
    if (!seen || (h.locale === 'zh-Hans' && seen.locale !== 'zh-Hans')) entries.set(key, h);
  }
  if (entries.size === 0) return { flags: 0, enqueued: 0 };
  const notified = new Set(
    (await deps.db.selectFrom('notification_deliveries').select('event_key').distinct().where('event_key', 'in', [...entries.keys()]).execute()).map((r) => r.event_key),
  );
  const fresh = [...entries].filter(([key]) => !notified.has(key));
  if (fresh.length === 0) return { flags: 0, enqueued: 0 };

  const itemIds = [...new Set(fresh.flatMap(([, e]) => e.relatedItemDocumentIds))];
  const items = new Map<string, ItemHit[]>();
  if (itemIds.length) {
    const found = await deps.search.search('', {
      filter: ['type = "policy_item"', `documentId IN [${itemIds.map(quote).join(', ')}]`],
      attributesToRetrieve: ['documentId', 'locale', 'itemCode', 'validity', 'effectiveUntil', 'publishedAtTs'],
      limit: itemIds.length * 2,
    });
    for (const h of found.hits as ItemHit[]) items.set(h.documentId, [...(items.get(h.documentId) ?? []), h]);
  }

  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const today = shanghaiDate(now);
  const rows: NotificationDeliveriesTable[] = [];
  for (const [eventKey, e] of fresh) {
    const { itemCode, change } = changeOf(e, items, today);
    const data: ReviewFlagFacts = { entryType: e.type as ReviewFlagFacts['entryType'], documentId: e.documentId, title: e.title, itemCode, change, reason: e.reviewReason ?? '' };
    const payload = JSON.stringify({ kind: 'review_flagged', petitionId: '', department: e.departmentCode, dueOn: null, occurredAt: new Date(e.flaggedAtTs!).toISOString(), data });
    for (const r of routesFor('review_flagged', e.departmentCode, deps.targets)) {
      rows.push({
        id: deliveryId(eventKey, r.recipient, r.channel),
        event_key: eventKey,
        kind: 'review_flagged',
        // Not about a petition: the inbox links to 待复核 instead.
        petition_id: '',
        recipient: r.recipient,
        channel: r.channel,
        payload,
        status: 'pending',
        attempts: 0,
        next_attempt_at: nowIso,
        lease_until: null,
        last_error: null,
        created_at: nowIso,
        delivered_at: null,
        parked_at: null,
        updated_at: nowIso,
      });
    }
  }
  let enqueued = 0;
  for (let i = 0; i < rows.length; i += 500) {
    // Another api instance may enqueue the same flag at the same time: the delivery id decides.
    const r = await deps.db.insertInto('notification_deliveries').values(rows.slice(i, i + 500)).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    enqueued += Number(r.numInsertedOrUpdatedRows ?? 0n);
  }
  return { flags: fresh.length, enqueued };
}

/** Runs a pass every `intervalMs` until stop(); a failed pass (index down) is retried at the next one. */
export function startReviewNoticeLoop(deps: ReviewNoticeDeps, intervalMs: number, logger: Logger): PeriodicPass {
  return startPeriodicPass('review notices', intervalMs, logger, async () => {
    const r = await enqueueReviewNotices(deps);
    if (r.enqueued > 0) logger.info({ ...r }, '待复核 flags notified to their departments');
  });
}
