// Drift repair: compares the published set in the CMS with the index, by id and content hash, per
// type and locale. Missing, stale and orphaned documents are not written from here: they are queued
// as outbox changes, so the worker (with its per-document leases) stays the only writer to the live
// index and a repair can never overwrite a newer change. Streams the CMS in keyset pages; holds only
// the index's id → hash map.
import { CONTENT_TYPES, type CmsDatabase, type IndexedUid } from '../cms-db/index.ts';
import { enrichEntries, publishedRowsPage } from '../cms-db/content-reader.ts';
import { buildSearchDocument } from '../documents/build-document.ts';
import type { SearchIndex } from '../meili/search-index.ts';
import type { Outbox } from '../outbox/outbox.ts';

export interface DriftCounts { published: number; indexed: number; missing: number; stale: number; orphaned: number; unbuildable: number }
export interface ReconcileReport { byTypeLocale: Record<string, DriftCounts>; queued: number; total: DriftCounts }

const UID_OF_TYPE = Object.fromEntries(Object.entries(CONTENT_TYPES).map(([uid, t]) => [t.type, uid as IndexedUid]));

interface Indexed { hash: string; type: string; locale: string; documentId: string }

async function indexedDocuments(index: SearchIndex, indexUid: string): Promise<Map<string, Indexed>> {
  const out = new Map<string, Indexed>();
  const limit = 1000;
  for (let offset = 0; ; offset += limit) {
    const page = await index.meili.call('read index for reconcile', (c) =>
      c.index(indexUid).getDocuments<{ id: string; contentHash: string; type: string; locale: string; documentId: string }>({ fields: ['id', 'contentHash', 'type', 'locale', 'documentId'], limit, offset }),
    );
    for (const d of page.results) out.set(d.id, { hash: d.contentHash, type: d.type, locale: d.locale, documentId: d.documentId });
    if (page.results.length < limit) return out;
  }
}

export async function reconcile(ctx: { cms: CmsDatabase; index: SearchIndex; outbox: Outbox; today: () => string; pageSize?: number }): Promise<ReconcileReport> {
  const indexed = await indexedDocuments(ctx.index, ctx.index.uid);
  const byTypeLocale: Record<string, DriftCounts> = {};
  const counts = (type: string, locale: string) =>
    (byTypeLocale[`${type}/${locale}`] ??= { published: 0, indexed: 0, missing: 0, stale: 0, orphaned: 0, unbuildable: 0 });
  for (const d of indexed.values()) counts(d.type, d.locale).indexed++;
  const fixes = new Map<string, { uid: string; documentId: string; action: string }>();
  const today = ctx.today();
  const pageSize = ctx.pageSize ?? 1000;

  for (const uid of Object.keys(CONTENT_TYPES) as IndexedUid[]) {
    const type = CONTENT_TYPES[uid].type;
    for (let after = 0; ; ) {
      const rows = await publishedRowsPage(ctx.cms.db, uid, after, pageSize);
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.id;
      for (const entry of await enrichEntries(ctx.cms.db, uid, rows)) {
        const c = counts(type, entry.locale);
        c.published++;
        let hash: string;
        let id: string;
        try {
          const doc = buildSearchDocument(entry, today);
          hash = doc.contentHash;
          id = doc.id;
        } catch {
          c.unbuildable++;
          continue;
        }
        const current = indexed.get(id);
        indexed.delete(id);
        if (!current) c.missing++;
        else if (current.hash !== hash) c.stale++;
        else continue;
        fixes.set(`${uid}:${entry.row.document_id}`, { uid, documentId: entry.row.document_id, action: 'reconcile' });
      }
    }
  }
  for (const orphan of indexed.values()) {
    counts(orphan.type, orphan.locale).orphaned++;
    const uid = UID_OF_TYPE[orphan.type];
    if (uid) fixes.set(`${uid}:${orphan.documentId}`, { uid, documentId: orphan.documentId, action: 'reconcile' });
  }
  await ctx.outbox.enqueue([...fixes.values()]);
  const total: DriftCounts = { published: 0, indexed: 0, missing: 0, stale: 0, orphaned: 0, unbuildable: 0 };
  for (const c of Object.values(byTypeLocale)) for (const k of Object.keys(total) as Array<keyof DriftCounts>) total[k] += c[k];
  return { byTypeLocale, queued: fixes.size, total };
}
