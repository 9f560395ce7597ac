// Change detection: when a policy item or a policy is published with a changed substance (content,
// amount, dates, validity, repeal 废止, replacement), or withdrawn (unpublished, deleted), every 热线口径
// and interpretation citing it is flagged 待复核, with what changed. A publication the editor marks
// 非实质修改 (`minorChange`, reset after the publication) flags nothing and moves the citations on to the
// new revision.
//
// Durability: this middleware runs inside the search outbox's transaction (registered after it,
// cms/src/index.ts). The flags, the citing entries' outbox rows and the publication commit together or
// not at all, so a flag is never lost and never applied twice; search-sync then carries the flag to the
// answer card through the same outbox → worker path as every other change. Why not in search-sync
// itself: on SQLite search-sync must not write cms.sqlite (search-sync/src/outbox/outbox.ts), and the
// admin list filter needs the flag on the entry.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { DocumentMiddleware } from '../access/department-guard';
import { ITEM_UID, POLICY_UID } from '../content/uids';
import { outboxQuery } from '../outbox/outbox-table';
import { CITATION_FIELD, CITING_UIDS, isCitingUid, publishedVersions, toIso, type CitedVersions, type CitingUid } from './cited-items';
import { SUBSTANCE, changedFields, substanceOf, type SourceUid, type Substance } from './substance';

const REASON_MAX = 4000;

type Row = Record<string, unknown> & { id: number; documentId: string; locale?: string | null; publishedAt?: unknown };

interface PublishedState {
  byLocale: Map<string, Substance>;
  version: string | null;
  title: string;
  code: string | null;
}

function isSourceUid(uid: string): uid is SourceUid {
  return uid === ITEM_UID || uid === POLICY_UID;
}

async function publishedState(strapi: Core.Strapi, uid: SourceUid, documentId: string): Promise<PublishedState> {
  const rows = (await strapi.db.query(uid).findMany({
    where: { documentId, publishedAt: { $notNull: true } },
    ...(uid === POLICY_UID ? { populate: { replacedBy: { select: ['documentId', 'title'] } } } : {}),
  })) as Row[];
  const byLocale = new Map<string, Substance>();
  let version: string | null = null;
  for (const r of rows) {
    byLocale.set(r.locale ?? '', substanceOf(uid, r));
    const iso = toIso(r.publishedAt);
    if (iso && (!version || iso > version)) version = iso;
  }
  const main = rows.find((r) => r.locale === 'zh-Hans') ?? rows[0];
  return { byLocale, version, title: String(main?.title ?? ''), code: typeof main?.itemCode === 'string' ? main.itemCode : null };
}

/** The 口径 and interpretations that cite the given items (and, for a policy, interpret it). */
export async function dependentsOf(strapi: Core.Strapi, uid: SourceUid, documentId: string): Promise<Map<CitingUid, Set<string>>> {
  let itemIds = [documentId];
  const out = new Map<CitingUid, Set<string>>(CITING_UIDS.map((u) => [u, new Set<string>()]));
  if (uid === POLICY_UID) {
    const items = (await strapi.db.query(ITEM_UID).findMany({ where: { policy: { documentId } }, select: ['documentId'] })) as Row[];
    itemIds = [...new Set(items.map((i) => i.documentId))];
    const interpreting = (await strapi.db.query(CITING_UIDS[1]!).findMany({ where: { policy: { documentId } }, select: ['documentId'] })) as Row[];
    for (const r of interpreting) out.get(CITING_UIDS[1]!)!.add(r.documentId);
  }
  if (itemIds.length) {
    for (const citing of CITING_UIDS) {
      const rows = (await strapi.db.query(citing).findMany({
        where: { [CITATION_FIELD[citing].field]: { documentId: { $in: itemIds } } },
        select: ['documentId'],
      })) as Row[];
      for (const r of rows) out.get(citing)!.add(r.documentId);
    }
  }
  return out;
}

function describeChange(uid: SourceUid, action: string, before: PublishedState, after: PublishedState): string | null {
  const what = uid === ITEM_UID ? `所引政策条目「${before.title}」${before.code ? `（${before.code}）` : ''}` : `所引条目所属政策《${before.title}》`;
  if (before.byLocale.size === 0) return null; // a first publication: nothing cited it yet
  if (after.byLocale.size === 0) return `${what}已${action === 'delete' ? '删除' : '撤回发布'}`;
  const fields = new Set<string>();
  let repealed = false;
  let replacedBy: string | null = null;
  let expired = false;
  for (const [locale, old] of before.byLocale) {
    const now = after.byLocale.get(locale);
    if (!now) continue;
    for (const f of changedFields(uid, old, now)) fields.add(f);
    if (uid === POLICY_UID) {
      if (now.validity === 'repealed' && old.validity !== 'repealed') repealed = true;
      if (now.validity === 'expired' && old.validity !== 'expired') expired = true;
      if (now.replacedBy && now.replacedBy !== old.replacedBy) replacedBy = now.replacedBy;
    }
  }
  if (fields.size === 0) return null;
  const parts: string[] = [];
  if (repealed) parts.push('已废止');
  if (expired) parts.push('已失效');
  if (replacedBy) parts.push('已被其他政策替代');
  const rest = [...fields].filter((f) => !(repealed && (f === SUBSTANCE[POLICY_UID].validity || f === SUBSTANCE[POLICY_UID].repealReason)) && !(expired && f === SUBSTANCE[POLICY_UID].validity) && !(replacedBy && f === SUBSTANCE[POLICY_UID].replacedBy));
  if (rest.length) parts.push(`已修订：${rest.join('、')}`);
  return `${what}${parts.join('，')}`;
}

async function enqueueReindex(strapi: Core.Strapi, entries: Array<{ uid: string; documentId: string }>): Promise<void> {
  if (entries.length === 0) return;
  await strapi.db.transaction(async ({ trx }) => {
    await outboxQuery(strapi, trx).insert(entries.map((e) => ({ uid: e.uid, document_id: e.documentId, locale: null, action: 'review', created_at: Date.now() })));
  });
}

/** Marks the citing entries 待复核 with the reason (appended when already pending), in every locale. */
export async function flagEntries(strapi: Core.Strapi, dependents: Map<CitingUid, Set<string>>, reason: string): Promise<void> {
  const now = new Date();
  const reindex: Array<{ uid: string; documentId: string }> = [];
  for (const [uid, ids] of dependents) {
    if (ids.size === 0) continue;
    const rows = (await strapi.db.query(uid).findMany({ where: { documentId: { $in: [...ids] } }, select: ['documentId', 'reviewStatus', 'reviewReason', 'flaggedAt'] })) as Row[];
    for (const documentId of ids) {
      const current = rows.find((r) => r.documentId === documentId);
      const pending = current?.reviewStatus === 'pending';
      const previous = pending && typeof current?.reviewReason === 'string' ? current.reviewReason : '';
      const lines = previous ? previous.split('\n') : [];
      if (!lines.includes(reason)) lines.push(reason);
      await strapi.db.query(uid).updateMany({
        where: { documentId },
        data: { reviewStatus: 'pending', reviewReason: lines.join('\n').slice(-REASON_MAX), flaggedAt: pending && current?.flaggedAt ? current.flaggedAt : now },
      });
      reindex.push({ uid, documentId });
    }
  }
  await enqueueReindex(strapi, reindex);
}

/** 非实质修改: citations of the old revision move on to the new one; nothing is flagged. */
async function advanceCitations(strapi: Core.Strapi, dependents: Map<CitingUid, Set<string>>, itemIds: string[], from: Map<string, string | null>, to: Map<string, string>): Promise<void> {
  const reindex: Array<{ uid: string; documentId: string }> = [];
  for (const [uid, ids] of dependents) {
    if (ids.size === 0) continue;
    const rows = (await strapi.db.query(uid).findMany({ where: { documentId: { $in: [...ids] } }, select: ['documentId', 'citedVersions'] })) as Row[];
    for (const documentId of ids) {
      const cited = { ...((rows.find((r) => r.documentId === documentId && r.citedVersions)?.citedVersions as CitedVersions | undefined) ?? {}) };
      let moved = false;
      for (const itemId of itemIds) {
        const next = to.get(itemId);
        if (next && cited[itemId] !== undefined && cited[itemId] === from.get(itemId)) {
          cited[itemId] = next;
          moved = true;
        }
      }
      if (!moved) continue;
      await strapi.db.query(uid).updateMany({ where: { documentId }, data: { citedVersions: cited } });
      reindex.push({ uid, documentId });
    }
  }
  await enqueueReindex(strapi, reindex);
}

/** On a citing entry's publication: the versions it cites (kept for items it already cited, current for new ones). */
async function recordCitedVersions(strapi: Core.Strapi, uid: CitingUid, documentId: string): Promise<void> {
  const field = CITATION_FIELD[uid].field;
  const rows = (await strapi.db.query(uid).findMany({
    where: { documentId },
    select: ['id', 'publishedAt', 'citedVersions'],
    populate: { [field]: { select: ['documentId'] } },
  })) as Array<Row & Record<string, unknown>>;
  const published = rows.filter((r) => r.publishedAt);
  const ids = [...new Set((published.length ? published : rows).flatMap((r) => ((r[field] as Row[] | undefined) ?? []).map((i) => i.documentId)))];
  const existing = (rows.find((r) => r.citedVersions)?.citedVersions as CitedVersions | undefined) ?? {};
  const versions = await publishedVersions(strapi, ids);
  const cited: CitedVersions = {};
  for (const id of ids) {
    const version = existing[id] ?? versions.get(id);
    if (version) cited[id] = version;
  }
  await strapi.db.query(uid).updateMany({ where: { documentId }, data: { citedVersions: cited } });
}

/** A citing entry is published only when every item it cites is published (the draft's links decide). */
async function refuseUnpublishedCitations(strapi: Core.Strapi, uid: CitingUid, documentId: string): Promise<void> {
  const { field, label } = CITATION_FIELD[uid];
  const drafts = (await strapi.db.query(uid).findMany({
    where: { documentId, publishedAt: null },
    select: ['id'],
    populate: { [field]: { select: ['documentId', 'title', 'itemCode'] } },
  })) as Array<Row & Record<string, unknown>>;
  const items = drafts.flatMap((d) => (d[field] as Row[] | undefined) ?? []);
  const versions = await publishedVersions(strapi, items.map((i) => i.documentId));
  const unpublished = items.filter((i) => !versions.has(i.documentId));
  if (unpublished.length === 0) return;
  const names = [...new Set(unpublished.map((i) => `「${String(i.title ?? '')}」（${String(i.itemCode ?? i.documentId)}）`))].join('、');
  const message = `${label}中的${names}尚未发布，只能引用已发布的政策条目`;
  throw new errors.ValidationError(`${field}: ${message}`, { errors: [{ path: [field], message, name: 'ValidationError', code: 'CITATION_NOT_PUBLISHED' }] });
}

const SOURCE_ACTIONS = new Set(['publish', 'unpublish', 'delete']);

export function citationFlags(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    const publishing = context.action === 'publish' || (['create', 'update'].includes(context.action) && context.params.status === 'published');
    const documentId = typeof context.params.documentId === 'string' ? context.params.documentId : undefined;

    if (isCitingUid(context.uid)) {
      const uid = context.uid;
      if (!publishing) return next();
      if (documentId && context.action === 'publish') await refuseUnpublishedCitations(strapi, uid, documentId);
      const result = await next();
      const id = documentId ?? (result as { documentId?: string } | null)?.documentId;
      if (id) await recordCitedVersions(strapi, uid, id);
      return result;
    }

    if (!isSourceUid(context.uid) || !documentId || !(SOURCE_ACTIONS.has(context.action) || publishing)) return next();
    const uid = context.uid;
    // Read before the write: a deletion removes the links that say who cites the item.
    const before = await publishedState(strapi, uid, documentId);
    const dependents = await dependentsOf(strapi, uid, documentId);
    const drafts = (await strapi.db.query(uid).findMany({ where: { documentId, publishedAt: null }, select: ['minorChange'] })) as Row[];
    const minor = publishing && (context.params.data?.minorChange === true || drafts.some((d) => d.minorChange === true || d.minorChange === 1));

    const result = await next();

    const after = await publishedState(strapi, uid, documentId);
    const reason = describeChange(uid, context.action, before, after);
    if (reason && !minor) await flagEntries(strapi, dependents, reason);
    else if (publishing && uid === ITEM_UID && after.version) {
      await advanceCitations(strapi, dependents, [documentId], new Map([[documentId, before.version]]), new Map([[documentId, after.version]]));
    }
    // 非实质修改 holds for one publication only.
    if (minor) await strapi.db.query(uid).updateMany({ where: { documentId }, data: { minorChange: false } });
    return result;
  };
}
