// One claimed batch of outbox changes → Meilisearch. Repeated changes to one document coalesce to
// one read and one write; the rows are deleted only after the Meilisearch task succeeded. Related
// documents (a renamed department's items, an edited policy's items) are queued as new changes, so
// they go through the same lease rules. A document that cannot be built is parked; an outage is
// retried without counting toward parking; anything else counts, and parks after max attempts.
import { UnrecoverableError, describeError, isUnrecoverable, RetryableError } from '../errors/index.ts';
import { DEPARTMENT_UID, SYNONYM_UID, isIndexedUid, type CmsDatabase, type IndexedUid } from '../cms-db/index.ts';
import { isDraftOnlyAction } from '@zone/schemas';
import { embedsOthers, relatedDocuments } from '../cms-db/related-documents.ts';
import { loadDocuments } from '../documents/load-documents.ts';
import { applySynonyms } from '../meili/settings.ts';
import type { SearchIndex } from '../meili/search-index.ts';
import { readMeiliSynonyms } from '../synonyms/synonym-source.ts';
import { backoffDelay } from '../outbox/backoff.ts';
import type { Outbox, OutboxChange } from '../outbox/outbox.ts';

export interface BatchContext {
  cms: CmsDatabase;
  index: SearchIndex;
  outbox: Outbox;
  today: () => string;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  log: (event: string, fields?: Record<string, unknown>) => void;
  /** Called when a change without a documentId asks for a full reconcile. */
  requestReconcile?: () => void;
  /** Where a batch's time went (the freshness breakdown of `npm run bench:sync`). */
  onTimings?: (timings: BatchTimings) => void;
}

/**
 * buildMs: reading the CMS and building the documents; meiliMs: from the first Meilisearch call to
 * the last task's success, of which Meilisearch's own task clock says queuedMs (enqueued→started)
 * and processingMs (started→finished); the rest is our round trips and task polling.
 */
export interface BatchTimings { buildMs: number; meiliMs: number; queuedMs: number; processingMs: number }

export interface BatchResult { done: number; retried: number; parked: number; upserted: number; deleted: number }

/** Rows that fan out to the documents embedding them: the queued follow-ups never fan out again. */
const FAN_OUT_ACTIONS = new Set(['create', 'update', 'clone', 'publish', 'unpublish', 'delete', 'discardDraft']);

export async function processBatch(ctx: BatchContext, changes: OutboxChange[]): Promise<BatchResult> {
  const result: BatchResult = { done: 0, retried: 0, parked: 0, upserted: 0, deleted: 0 };
  if (changes.length === 0) return result;
  const delay = (attempt: number) => backoffDelay(attempt, ctx.backoffBaseMs, ctx.backoffMaxMs);
  try {
    const { finished, parked } = await indexChanges(ctx, changes, result);
    await ctx.outbox.complete(finished.map((c) => c.id));
    result.done += finished.length;
    result.parked += parked;
  } catch (error) {
    const message = describeError(error);
    if (isUnrecoverable(error) && changes.length > 1) {
      // Isolate the poison: one document at a time, so the good ones go through.
      ctx.log('batch.split', { size: changes.length, error: message });
      return processOneByOne(ctx, changes, result);
    }
    const outage = error instanceof RetryableError && (error.code === 'MEILI_UNAVAILABLE' || error.code === 'DATABASE_UNAVAILABLE');
    const overLimit = changes.filter((c) => !outage && c.attempts + 1 >= ctx.maxAttempts);
    const again = changes.filter((c) => !overLimit.includes(c));
    if (isUnrecoverable(error)) {
      await ctx.outbox.park(changes.map((c) => c.id), message);
      result.parked += changes.length;
      ctx.log('change.parked', { ids: changes.map((c) => c.id), error: message });
      return result;
    }
    await ctx.outbox.park(overLimit.map((c) => c.id), `gave up after ${ctx.maxAttempts} attempts: ${message}`);
    await ctx.outbox.retry(again.map((c) => c.id), delay, message, !outage);
    result.parked += overLimit.length;
    result.retried += again.length;
    ctx.log(outage ? 'batch.outage' : 'batch.retry', { size: changes.length, error: message });
  }
  return result;
}

async function processOneByOne(ctx: BatchContext, changes: OutboxChange[], result: BatchResult): Promise<BatchResult> {
  const byKey = new Map<string, OutboxChange[]>();
  for (const c of changes) byKey.set(`${c.uid}:${c.document_id ?? ''}`, [...(byKey.get(`${c.uid}:${c.document_id ?? ''}`) ?? []), c]);
  for (const group of byKey.values()) {
    const r = await processBatch(ctx, group);
    for (const k of Object.keys(result) as Array<keyof BatchResult>) result[k] += r[k];
  }
  return result;
}

async function indexChanges(ctx: BatchContext, changes: OutboxChange[], result: BatchResult): Promise<{ finished: OutboxChange[]; parked: number }> {
  const db = ctx.cms.db;
  const byUid = new Map<IndexedUid, Set<string>>();
  let synonyms = false;
  const followUps: Array<{ uid: string; documentId: string; action: string }> = [];
  const unknown: OutboxChange[] = [];

  for (const c of changes) {
    // A draft-only write (recorded by the CMS as `<action>:draft`) leaves the published content as it was.
    if (isDraftOnlyAction(c.action)) continue;
    if (c.uid === SYNONYM_UID) synonyms = true;
    else if (!c.document_id) unknown.push(c);
    else if (isIndexedUid(c.uid)) byUid.set(c.uid, (byUid.get(c.uid) ?? new Set()).add(c.document_id));
    if (c.document_id && embedsOthers(c.uid) && FAN_OUT_ACTIONS.has(c.action)) {
      for (const r of await dbCall(() => relatedDocuments(db, c.uid, [c.document_id!]))) followUps.push({ ...r, action: `related:${c.uid === DEPARTMENT_UID ? 'department' : c.uid.split('.').pop()}` });
    }
  }
  if (unknown.length) ctx.requestReconcile?.();

  const poison = new Map<string, unknown>();
  const buildStarted = performance.now();
  const upserts = [];
  const deletes = [];
  for (const [uid, ids] of byUid) {
    const set = await dbCall(() => loadDocuments(db, uid, [...ids], ctx.today()));
    for (const [documentId, error] of set.failures) poison.set(`${uid}:${documentId}`, error);
    upserts.push(...set.upserts);
    deletes.push(...set.deletes);
  }
  const meiliStarted = performance.now();
  const { deleted, tasks } = await ctx.index.apply(upserts, deletes);
  if (ctx.onTimings && tasks.length) {
    const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);
    const span = (from: 'enqueuedAt' | 'startedAt', to: 'startedAt' | 'finishedAt') => Math.max(...tasks.map((t) => ms(t[to] as string) - ms(t[from] as string)));
    ctx.onTimings({ buildMs: Math.round(meiliStarted - buildStarted), meiliMs: Math.round(performance.now() - meiliStarted), queuedMs: span('enqueuedAt', 'startedAt'), processingMs: span('startedAt', 'finishedAt') });
  }
  result.upserted += upserts.length;
  result.deleted += deleted;
  if (synonyms) await applySynonyms(ctx.index.meili, ctx.index.uid, await dbCall(() => readMeiliSynonyms(db)));
  if (followUps.length) {
    // Queued before this batch is marked done: a crash in between re-runs the batch (harmless), never loses the follow-ups.
    const unique = [...new Map(followUps.map((f) => [`${f.uid}:${f.documentId}`, f])).values()];
    await dbCall(() => ctx.outbox.enqueue(unique));
  }

  const parkedChanges = changes.filter((c) => poison.has(`${c.uid}:${c.document_id ?? ''}`));
  for (const c of parkedChanges) {
    const error = poison.get(`${c.uid}:${c.document_id ?? ''}`);
    await ctx.outbox.park([c.id], describeError(error));
    ctx.log('change.parked', { id: c.id, uid: c.uid, documentId: c.document_id, error: describeError(error) });
  }
  return { finished: changes.filter((c) => !parkedChanges.includes(c)), parked: parkedChanges.length };
}

/** Database errors are outages: retried, never parked. */
async function dbCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RetryableError || error instanceof UnrecoverableError) throw error;
    throw new RetryableError('DATABASE_UNAVAILABLE', 'reading the CMS database failed', { cause: error });
  }
}
