// search-sync under test: the real worker, in-process, against a suite's CMS database and its own
// Meilisearch, with its own index prefix. Helpers speak the domain: wait until a document is
// searchable, search as the api would (with the search-only key), count drift.
import { randomBytes } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { createRuntime, reconcile, syncEnv, type RuntimeOptions, type SyncRuntime } from '@zone/search-sync';
import type { SearchDocument } from '@zone/schemas';
import type { CmsUnderTest } from './cms.ts';
import type { MeiliUnderTest } from './meili.ts';

export interface SyncUnderTest {
  runtime: SyncRuntime;
  prefix: string;
  search: Meilisearch;
  /** Search the live index as the api does. */
  find(q: string, options?: { filter?: string; limit?: number }): Promise<SearchDocument[]>;
  /** The document with this id, or null. */
  get(id: string): Promise<SearchDocument | null>;
  /** Polls until `check` holds (default 10 s). */
  until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs?: number): Promise<T>;
  /** Missing + stale + orphaned documents, as reconcile counts them (0 = no drift); queues no repairs when dry. */
  drift(): Promise<number>;
  /**
   * Until the outbox is drained and the index has no drift (e.g. the seeded content is indexed).
   * The backlog is worked off before drift is counted: drift() is a reconcile, which queues a repair
   * for every document still missing, so counting it every 25 ms while the worker was still on the
   * seed's backlog queued the whole content again and again (measured 2026-11-30: a search stack's
   * boot spent 13–18 s of CPU there, most of it Meilisearch's; 3–4 s in this order).
   */
  caughtUp(what: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function syncEnvFor(cms: CmsUnderTest, meili: { host: string; masterKey: string }, prefix: string, extra: Record<string, string> = {}) {
  return syncEnv({
    NODE_ENV: 'test',
    ...cms.db.env,
    MEILI_HOST: meili.host,
    MEILI_MASTER_KEY: meili.masterKey,
    MEILI_INDEX_PREFIX: prefix,
    MEILI_TIMEOUT_MS: '2000',
    MEILI_TASK_TIMEOUT_MS: '10000',
    SYNC_POLL_MS: '20',
    SYNC_BACKOFF_BASE_MS: '100',
    SYNC_BACKOFF_MAX_MS: '1000',
    SYNC_RECONCILE_INTERVAL_S: '0',
    SYNC_EXPIRY_INTERVAL_S: '0',
    SYNC_LEASE_MS: '5000',
    // Suites run side by side in one process: no shared loopback wake port unless a suite asks.
    SYNC_WAKE_PORT: '0',
    ...extra,
  });
}

export function newPrefix(label: string): string {
  return `t_${label}_${randomBytes(3).toString('hex')}_`;
}

export async function startSync(cms: CmsUnderTest, meili: MeiliUnderTest, label: string, options: RuntimeOptions & { env?: Record<string, string>; prefix?: string; start?: boolean } = {}): Promise<SyncUnderTest> {
  const prefix = options.prefix ?? newPrefix(label);
  const runtime = await createRuntime(syncEnvFor(cms, meili, prefix, options.env), { startTimeoutMs: 30_000, ...options });
  if (options.start !== false) runtime.worker.start();
  const search = new Meilisearch({ host: meili.host, apiKey: runtime.searchKey, timeout: 5_000 });
  const index = () => search.index<SearchDocument>(runtime.index.uid);
  const handle: SyncUnderTest = {
    runtime,
    prefix,
    search,
    async find(q, o = {}) {
      const res = await index().search(q, { filter: o.filter, limit: o.limit ?? 20 });
      return res.hits as SearchDocument[];
    },
    async get(id) {
      const res = await index().search('', { filter: `id = "${id}"`, limit: 1 });
      return (res.hits[0] as SearchDocument | undefined) ?? null;
    },
    async until(what, check, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      let last: unknown;
      for (;;) {
        try {
          const v = await check();
          if (v) return v as never;
        } catch (e) {
          last = e;
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}${last ? ` (${String(last)})` : ''}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async drift() {
      // A throwaway outbox would be ideal; reconcile queues repairs, so count first and let the worker fix.
      const report = await reconcile(runtime);
      return report.total.missing + report.total.stale + report.total.orphaned;
    },
    async caughtUp(what, timeoutMs = 120_000) {
      const drained = () => handle.until(`${what}: the outbox is drained`, async () => (await runtime.outbox.pendingCount()) === 0, timeoutMs);
      await drained();
      await handle.until(
        `${what}: no drift`,
        async () => {
          if ((await handle.drift()) === 0) return true;
          await drained(); // the repairs reconcile just queued
          return false;
        },
        timeoutMs,
      );
    },
    async stop() {
      await runtime.close();
    },
  };
  return handle;
}
