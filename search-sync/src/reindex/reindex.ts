// Zero-downtime full reindex: builds a complete shadow index (same settings and synonyms), then
// swaps it with the live one atomically (POST /swap-indexes) and drops the old copy. Searches keep
// hitting the complete live index throughout. Memory stays bounded: the CMS is streamed in keyset
// pages; at most `inFlight` uploaded pages wait in Meilisearch's queue, and only their task uids are held here. Changes published during the build
// are caught by a reconcile right after the swap (queued for the worker, the only live writer).
import { CONTENT_TYPES, type CmsDatabase, type IndexedUid } from '../cms-db/index.ts';
import { enrichEntries, publishedRowsPage } from '../cms-db/content-reader.ts';
import { buildSearchDocument } from '../documents/build-document.ts';
import type { SearchDocument } from '@zone/schemas';
import { applySettings, ensureIndex } from '../meili/settings.ts';
import { SearchIndex } from '../meili/search-index.ts';
import { readMeiliSynonyms } from '../synonyms/synonym-source.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { reconcile, type ReconcileReport } from '../reconcile/reconcile.ts';
import { ProgressBar } from './progress.ts';

export interface ReindexSummary {
  indexUid: string;
  documents: number;
  byType: Record<string, number>;
  skipped: number;
  seconds: number;
  /** Where the time went on our side (ms): reading pages, joining relations, building documents, uploading. */
  timings: { readMs: number; enrichMs: number; buildMs: number; uploadMs: number; waitMs: number };
  reconcile: ReconcileReport | null;
}

export interface ReindexOptions {
  pageSize?: number;
  inFlight?: number;
  progress?: NodeJS.WriteStream | null;
  /** Skip the post-swap reconcile (the benchmark measures the build and swap alone). */
  skipReconcile?: boolean;
}

export async function countPublished(cms: CmsDatabase): Promise<number> {
  let total = 0;
  for (const { table } of Object.values(CONTENT_TYPES)) {
    const r = await cms.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('published_at', 'is not', null).executeTakeFirst();
    total += Number(r?.n ?? 0);
  }
  return total;
}

export async function reindex(ctx: { cms: CmsDatabase; index: SearchIndex; outbox: Outbox; today: () => string }, options: ReindexOptions = {}): Promise<ReindexSummary> {
  const started = Date.now();
  const { meili } = ctx.index;
  const live = ctx.index.uid;
  const shadow = `${live}_shadow_${started}`;
  const pageSize = options.pageSize ?? 2000;
  const inFlight = options.inFlight ?? 16;
  // A page is megabytes: its upload gets the task timeout, not the short per-request one.
  const bulk = new SearchIndex(meili.withTimeout(meili.taskTimeoutMs), live);
  const synonyms = await readMeiliSynonyms(ctx.cms.db);
  await applySettings(meili, shadow, synonyms);

  const bar = new ProgressBar(await countPublished(ctx.cms), options.progress === undefined ? process.stderr : options.progress);
  const byType: Record<string, number> = {};
  let skipped = 0;
  let documents = 0;
  const timings = { readMs: 0, enrichMs: 0, buildMs: 0, uploadMs: 0, waitMs: 0 };
  const timed = async <T>(key: keyof typeof timings, run: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await run();
    } finally {
      timings[key] += performance.now() - t;
    }
  };
  // Uploaded pages' task uids, oldest first. Meilisearch processes one index's tasks in order, so
  // only the oldest is waited for (polling every queued page's task at once cost Meilisearch, which
  // needs all the CPU for indexing, hundreds of requests a second).
  const pending: number[] = [];
  // Meilisearch merges queued additions into one batch, so the oldest page can finish only with up to
  // `inFlight` pages: each of them gets the task timeout. A dead Meilisearch is still noticed at
  // once (every poll has the request timeout); only a live, busy one is waited for longer.
  const pageWait = { intervalMs: 100, timeoutMs: meili.taskTimeoutMs * inFlight };
  const waitOldest = () => timed('waitMs', () => bulk.meili.waitSucceeded(Promise.resolve({ taskUid: pending.shift()! }), pageWait));
  const today = ctx.today();
  // A pipeline: page N uploads while page N+1 is read and built, so building overlaps both the
  // upload and Meilisearch's indexing. At most two pages are held here (one uploading, one built).
  let uploading: Promise<void> = Promise.resolve();
  const upload = async (docs: SearchDocument[]) => {
    // Keep up to `inFlight` pages queued in Meilisearch, which merges queued additions into large
    // batches (as raw bulk addition does). Only the task uid is kept once a page is uploaded.
    if (pending.length >= inFlight) await waitOldest();
    const enqueued = await timed('uploadMs', () => bulk.meili.call('add documents to the shadow index', (c) => c.index(shadow).addDocuments(docs, { primaryKey: 'id' })));
    pending.push(enqueued.taskUid);
  };
  const send = async (docs: SearchDocument[]) => {
    if (docs.length === 0) return;
    await uploading;
    uploading = upload(docs);
    uploading.catch(() => undefined);
  };

  try {
    for (const uid of Object.keys(CONTENT_TYPES) as IndexedUid[]) {
      const type = CONTENT_TYPES[uid].type;
      for (let after = 0; ; ) {
        const rows = await timed('readMs', () => publishedRowsPage(ctx.cms.db, uid, after, pageSize));
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!.id;
        const docs: SearchDocument[] = [];
        const entries = await timed('enrichMs', () => enrichEntries(ctx.cms.db, uid, rows));
        const built = performance.now();
        for (const entry of entries) {
          try {
            docs.push(buildSearchDocument(entry, today));
          } catch {
            skipped++;
          }
        }
        timings.buildMs += performance.now() - built;
        await send(docs);
        documents += docs.length;
        byType[type] = (byType[type] ?? 0) + docs.length;
        bar.tick(rows.length);
      }
    }
    await uploading;
    // In order: once the last succeeded, each earlier wait is a single request.
    while (pending.length) await waitOldest();
    bar.finish();
    await ensureIndex(meili, live);
    // Queued behind the live index's writes and the last pages: the same allowance as a page.
    await meili.waitSucceeded(meili.client.swapIndexes([{ indexes: [live, shadow], rename: false }]), pageWait);
  } catch (error) {
    await uploading.catch(() => undefined);
    await meili.call('drop shadow index', (c) => c.deleteIndex(shadow)).catch(() => undefined);
    throw error;
  }
  // After the swap the shadow name holds the previous live documents.
  await meili.waitSucceeded(meili.client.deleteIndex(shadow), pageWait);
  const drift = options.skipReconcile ? null : await reconcile(ctx);
  for (const k of Object.keys(timings) as Array<keyof typeof timings>) timings[k] = Math.round(timings[k]);
  return { indexUid: live, documents, byType, skipped, seconds: (Date.now() - started) / 1000, timings, reconcile: drift };
}
