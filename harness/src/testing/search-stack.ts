// The whole search path in one process: the real CMS (demo content), the real search-sync worker,
// a real Meilisearch, and the real api on port 0 holding only the search-only key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, loadEnv, startServer, type ApiDatabase, type App, type RunningServer } from '@zone/api';
import { TestClock } from './test-clock.ts';
import { openApiTestDatabase } from './api-database.ts';
import { startCms, type CmsUnderTest } from './cms.ts';
import type { DbKind } from './databases.ts';
import { startMeili, type MeiliUnderTest } from './meili.ts';
import { startSync, type SyncUnderTest } from './sync.ts';

export interface GraphqlResult<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
  ms: number;
}

export interface ApiUnderTest {
  url: string;
  app: App;
  server: RunningServer;
  clock: TestClock;
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphqlResult<T>>;
  stop(): Promise<void>;
}

/**
 * Starts the api against a Meilisearch (or anything at `host`), with extra env. `database`: the api's
 * own database (default a SQLite file in a temporary DATA_DIR); the caller keeps and closes it.
 */
export async function startSearchApi(opts: {
  host: string;
  searchKey: string;
  prefix: string;
  env?: Record<string, string>;
  clock?: TestClock;
  database?: ApiDatabase;
  production?: boolean;
}): Promise<ApiUnderTest> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'zone-search-api-'));
  const env = loadEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    API_JWT_SECRET: 'search-api-test-secret-0123456789abcdef',
    DATA_DIR: dataDir,
    MEILI_HOST: opts.host,
    MEILI_SEARCH_KEY: opts.searchKey,
    MEILI_INDEX_PREFIX: opts.prefix,
    // Generous: on the 2 shared cores a ranked multi-search can take over a second under a parallel suite's
    // load, and a timeout there is noise, not a finding. The timeout's own tests set theirs (500 ms).
    MEILI_TIMEOUT_MS: '5000',
    ...opts.env,
  });
  // Today in the tests: Friday 2026-11-27, 10:00 in Shanghai.
  const clock = opts.clock ?? new TestClock('2026-11-27T10:00:00+08:00');
  const app = await createApp(env, { clock, database: opts.database });
  const server = await startServer({ services: app.services, verifier: app.verifier, production: opts.production ?? false, host: '127.0.0.1', port: 0, corsOrigins: env.corsOrigins });
  const url = server.url.replace('localhost', '127.0.0.1');
  return {
    url,
    app,
    server,
    clock,
    async gql(query, variables, headers = {}) {
      const started = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await res.json()) as { data?: any; errors?: GraphqlResult['errors'] };
      return { status: res.status, data: body.data ?? undefined, errors: body.errors, ms: performance.now() - started };
    },
    async stop() {
      await server.stop();
      if (!opts.database) await app.database.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SearchStack {
  cms: CmsUnderTest;
  meili: MeiliUnderTest;
  sync: SyncUnderTest;
  api: ApiUnderTest;
  stop(): Promise<void>;
}

/** CMS with demo content → search-sync → Meilisearch → api. Resolves once the index has no drift. */
export async function startSearchStack(kind: DbKind, label: string, options: { serveAdminPanel?: boolean; apiOnSameDbKind?: boolean } = {}): Promise<SearchStack> {
  const meili = await startMeili(label);
  const cms = await startCms(kind, label, { seedDemo: true, serveAdminPanel: options.serveAdminPanel ?? false });
  const sync = await startSync(cms, meili, label);
  // Seeding queues many outbox rows (each change fans out to the documents that embed it); a test's
  // own publish should not wait behind that backlog.
  await sync.caughtUp('the demo content is indexed');
  // apiOnSameDbKind: the api's own database (petitions) is of the same kind as the CMS's, not SQLite.
  const apiDb = options.apiOnSameDbKind ? await openApiTestDatabase(kind) : undefined;
  // The api trusts this CMS for staff tokens and answers CORS for its admin (the workbench).
  const api = await startSearchApi({
    database: apiDb?.database,
    host: meili.host,
    searchKey: sync.runtime.searchKey,
    prefix: sync.prefix,
    env: { API_CMS_JWKS_URL: `${cms.url}/api-identity/jwks.json`, API_ADMIN_ORIGIN: cms.url },
  });
  // The CMS tells the workbench where the api is; it reads its env per request, so this takes effect now.
  process.env.CMS_API_URL = api.url;
  return {
    cms,
    meili,
    sync,
    api,
    async stop() {
      await api.stop();
      await apiDb?.cleanup();
      await sync.stop();
      await cms.stop();
      await meili.destroy();
    },
  };
}
