// Expiry flags 口径 too: an item whose 有效期 (effectiveUntil) has passed, or a policy still marked 有效
// whose 有效期 has passed, becomes 失效 without anyone publishing anything (search-sync's expiry job
// re-indexes it as expired on the day, Asia/Shanghai). Every 热线口径 and interpretation citing it is then
// flagged 待复核 here, with the reason 「…已失效：有效期至 YYYY-MM-DD」. (Repeal 废止 and a policy set to 失效
// are publications: change-flags.ts flags them then.)
//
// Once: a marker row per (source, documentId, effectiveUntil) in `citation_expiry_flags` is inserted first
// in the same transaction as the flags and the citing entries' search-outbox rows, so the flags are written
// with their marker or not at all (a second CMS instance racing on the same expiry hits the primary key and
// rolls back). An item given a new 有效期 that passes again is flagged again.
//
// Why in the CMS and not in search-sync's expiry job: on SQLite search-sync must never write cms.sqlite
// (search-sync/src/outbox/outbox.ts), and the flag belongs on the entry (admin filter, review route), as
// for every other flag. An entry published or reviewed after the expiry is not flagged: whoever wrote or
// checked it saw the item already expired (the demo's 口径 on expired policies are such entries).
import type { Core } from '@strapi/strapi';
import { ITEM_UID, POLICY_UID } from '../content/uids';
import { dependentsOf, flagEntries } from './change-flags';
import { toIso, type CitingUid } from './cited-items';
import type { SourceUid } from './substance';

export const EXPIRY_FLAGS_TABLE = 'citation_expiry_flags';
/** How often the CMS looks for items that expired (the first look is at boot). */
export const EXPIRY_SCAN_INTERVAL_MS = 3600_000;

type Knex = Core.Strapi['db']['connection'];

function markerQuery(strapi: Core.Strapi, knex: Knex = strapi.db.connection) {
  const schema = strapi.db.getSchemaName();
  return schema ? knex(EXPIRY_FLAGS_TABLE).withSchema(schema) : knex(EXPIRY_FLAGS_TABLE);
}

export async function ensureExpiryFlagsTable(strapi: Core.Strapi): Promise<void> {
  const schemaName = strapi.db.getSchemaName();
  const builder = schemaName ? strapi.db.connection.schema.withSchema(schemaName) : strapi.db.connection.schema;
  if (await builder.hasTable(EXPIRY_FLAGS_TABLE)) return;
  await builder.createTable(EXPIRY_FLAGS_TABLE, (t) => {
    t.string('uid', 120).notNullable();
    t.string('document_id', 64).notNullable();
    t.string('effective_until', 10).notNullable();
    t.bigInteger('flagged_at').notNullable();
    t.integer('entries').notNullable().defaultTo(0);
    t.primary(['uid', 'document_id', 'effective_until']);
  });
}

/** 'YYYY-MM-DD' of the Asia/Shanghai calendar. */
export function shanghaiToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The instant a date's last day ends in Shanghai: the item is 失效 from then on. */
const endOfShanghaiDay = (date: string) => Date.parse(`${date}T00:00:00+08:00`) + 24 * 3600_000;

function dateOf(value: unknown): string | null {
  if (value instanceof Date) return shanghaiToday(value);
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

interface Expired {
  uid: SourceUid;
  documentId: string;
  effectiveUntil: string;
  title: string;
  code: string | null;
}

type Row = Record<string, unknown> & { documentId: string; locale?: string | null };

/** Published sources whose effectiveUntil lies before `today` (policies: only those still marked 有效). */
async function expiredSources(strapi: Core.Strapi, today: string): Promise<Expired[]> {
  const out: Expired[] = [];
  for (const uid of [ITEM_UID, POLICY_UID] as const) {
    const rows = (await strapi.db.query(uid).findMany({
      where: { publishedAt: { $notNull: true }, effectiveUntil: { $lt: today }, ...(uid === POLICY_UID ? { validity: 'valid' } : {}) },
      select: uid === ITEM_UID ? ['documentId', 'locale', 'title', 'itemCode', 'effectiveUntil'] : ['documentId', 'locale', 'title', 'effectiveUntil'],
    })) as Row[];
    const byDoc = new Map<string, Row>();
    // The zh-Hans row names the source; another locale only when it is the one published.
    for (const r of rows) if (!byDoc.has(r.documentId) || r.locale === 'zh-Hans') byDoc.set(r.documentId, r);
    for (const r of byDoc.values()) {
      const effectiveUntil = dateOf(r.effectiveUntil);
      if (!effectiveUntil) continue;
      out.push({ uid, documentId: r.documentId, effectiveUntil, title: String(r.title ?? ''), code: typeof r.itemCode === 'string' ? r.itemCode : null });
    }
  }
  return out;
}

export function expiryReason(e: Pick<Expired, 'uid' | 'title' | 'code' | 'effectiveUntil'>): string {
  const what = e.uid === ITEM_UID ? `所引政策条目「${e.title}」${e.code ? `（${e.code}）` : ''}` : `所引条目所属政策《${e.title}》`;
  return `${what}已失效：有效期至 ${e.effectiveUntil}`;
}

/** Drops the citing entries published or reviewed after the expiry: they were written knowing it. */
async function checkedBefore(strapi: Core.Strapi, dependents: Map<CitingUid, Set<string>>, expiredAt: number): Promise<Map<CitingUid, Set<string>>> {
  const out = new Map<CitingUid, Set<string>>();
  for (const [uid, ids] of dependents) {
    const keep = new Set<string>();
    if (ids.size) {
      const rows = (await strapi.db.query(uid).findMany({ where: { documentId: { $in: [...ids] } }, select: ['documentId', 'publishedAt', 'reviewedAt'] })) as Row[];
      for (const id of ids) {
        const latest = Math.max(0, ...rows.filter((r) => r.documentId === id).flatMap((r) => [toIso(r.publishedAt), toIso(r.reviewedAt)]).map((iso) => (iso ? Date.parse(iso) : 0)));
        if (latest < expiredAt) keep.add(id);
      }
    }
    out.set(uid, keep);
  }
  return out;
}

/**
 * Flags the entries citing what expired before `now` (Shanghai date) and was not flagged for that expiry
 * yet. Returns the expiries handled in this pass and the entries they flagged.
 */
export async function flagExpiredCitations(strapi: Core.Strapi, now = new Date()): Promise<{ expired: number; flagged: number }> {
  const candidates = await expiredSources(strapi, shanghaiToday(now));
  if (candidates.length === 0) return { expired: 0, flagged: 0 };
  const done = new Set<string>();
  const key = (uid: string, documentId: string, until: string) => `${uid}|${documentId}|${until}`;
  for (let i = 0; i < candidates.length; i += 500) {
    const chunk = candidates.slice(i, i + 500);
    const rows = (await markerQuery(strapi).whereIn('document_id', chunk.map((c) => c.documentId)).select('uid', 'document_id', 'effective_until')) as Array<{ uid: string; document_id: string; effective_until: string }>;
    for (const r of rows) done.add(key(r.uid, r.document_id, r.effective_until));
  }
  let expired = 0;
  let flagged = 0;
  for (const c of candidates) {
    if (done.has(key(c.uid, c.documentId, c.effectiveUntil))) continue;
    try {
      flagged += await strapi.db.transaction(async ({ trx }) => {
        const dependents = await checkedBefore(strapi, await dependentsOf(strapi, c.uid, c.documentId), endOfShanghaiDay(c.effectiveUntil));
        const entries = [...dependents.values()].reduce((n, s) => n + s.size, 0);
        // The marker first: a concurrent pass on the same expiry fails here, before flagging anything.
        await markerQuery(strapi, trx).insert({ uid: c.uid, document_id: c.documentId, effective_until: c.effectiveUntil, flagged_at: Date.now(), entries });
        if (entries > 0) await flagEntries(strapi, dependents, expiryReason(c));
        return entries;
      });
      expired++;
    } catch (error) {
      // Another instance handled it, or the database is busy: the next pass tries again (the marker decides).
      strapi.log.warn(`expiry flags for ${c.uid} ${c.documentId} not written this pass: ${String(error)}`);
    }
  }
  return { expired, flagged };
}

/** At boot and every hour (the timer does not keep the process alive). */
export function scheduleExpiryFlags(strapi: Core.Strapi): void {
  const run = () =>
    void flagExpiredCitations(strapi)
      .then((r) => {
        if (r.flagged) strapi.log.info(`${r.flagged} 口径/解读 flagged 待复核: ${r.expired} cited items or policies expired`);
      })
      .catch((error: unknown) => strapi.log.warn(`expiry flags failed: ${String(error)}`));
  run();
  setInterval(run, EXPIRY_SCAN_INTERVAL_MS).unref();
}
