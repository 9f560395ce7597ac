// The composition root: from the validated env to a connected CMS database, Meilisearch (with the
// admin key, the search-only key written for the api, the index settings applied) and a worker.
// main.ts, the CLIs, the benchmark and the tests all build on it.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import type { SyncEnv } from './env.ts';
import { openCmsDatabase, type CmsDatabase } from './cms-db/index.ts';
import { RetryableError } from './errors/index.ts';
import { connectMeili } from './meili/client.ts';
import { provisionKeys, writeSearchKeyFile } from './meili/keys.ts';
import { embeddedMasterKey, waitForMeili } from './meili/server.ts';
import { SearchIndex } from './meili/search-index.ts';
import { applySettings } from './meili/settings.ts';
import { openOutbox } from './outbox/open-outbox.ts';
import type { Outbox } from './outbox/outbox.ts';
import { readMeiliSynonyms } from './synonyms/synonym-source.ts';
import { shanghaiToday } from './documents/validity.ts';
import { SyncWorker } from './worker/sync-worker.ts';
import { listenForWake } from './worker/wake.ts';

export interface SyncRuntime {
  env: SyncEnv;
  cms: CmsDatabase;
  index: SearchIndex;
  outbox: Outbox;
  worker: SyncWorker;
  log: Logger;
  searchKey: string;
  today: () => string;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  log?: Logger;
  today?: () => string;
  /** How long to wait for Meilisearch and the outbox table at start. */
  startTimeoutMs?: number;
}

async function waitFor<T>(what: string, timeoutMs: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new RetryableError(what === 'outbox' ? 'OUTBOX_MISSING' : 'MEILI_UNAVAILABLE', `${what} not available within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function createRuntime(env: SyncEnv, options: RuntimeOptions = {}): Promise<SyncRuntime> {
  const log = options.log ?? pino({ name: 'search-sync', level: env.nodeEnv === 'test' ? 'warn' : 'info' });
  const startTimeoutMs = options.startTimeoutMs ?? 120_000;
  const masterKey = env.meili.masterKey ?? embeddedMasterKey(path.join(env.dataDir, 'meilisearch'));
  await waitForMeili(env.meili.host, startTimeoutMs);
  const keys = await provisionKeys({ host: env.meili.host, masterKey, indexPrefix: env.meili.indexPrefix, timeoutMs: env.meili.timeoutMs });
  writeSearchKeyFile(env.meili.searchKeyFile, { host: env.meili.host, searchKey: keys.searchKey, indexUid: keys.indexUid });
  const meili = connectMeili({ host: env.meili.host, apiKey: keys.adminKey, timeoutMs: env.meili.timeoutMs, taskTimeoutMs: env.meili.taskTimeoutMs });
  const index = new SearchIndex(meili, keys.indexUid);

  const cms = openCmsDatabase(env.database);
  const workerId = env.sync.workerId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const outbox = openOutbox(cms, workerId, env);
  // The CMS creates the outbox table at its bootstrap; search-sync may start first.
  await waitFor('outbox', startTimeoutMs, async () => ((await outbox.exists()) ? true : undefined));
  await applySettings(meili, index.uid, await readMeiliSynonyms(cms.db));

  const today = options.today ?? (() => shanghaiToday());
  // Changes pruned from the table before this worker saw them (a long outage) are repaired by a reconcile.
  const missed = await outbox.missedChanges();
  const worker = new SyncWorker({ cms, index, outbox, log, today, listenForWake: (onWake) => listenForWake(env, onWake, log) }, env.sync);
  if (missed) worker.requestReconcile();
  return {
    env,
    cms,
    index,
    outbox,
    worker,
    log,
    searchKey: keys.searchKey,
    today,
    async close() {
      await worker.stop();
      await cms.destroy();
    },
  };
}
