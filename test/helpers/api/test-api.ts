// Boots the real api in-process (real HTTP on port 0, real tokens, a fresh database, a TestClock)
// and gives a GraphQL client per role.
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { createApp, type App } from '../../../api/src/app.ts';
import type { Claims } from '../../../api/src/auth/actor.ts';
import { mintToken } from '../../../api/src/auth/mint-token.ts';
import type { WorkingCalendar } from '../../../api/src/calendar/working-calendar.ts';
import { loadEnv } from '../../../api/src/env.ts';
import { sweep, type SweepResult } from '../../../api/src/petitions/urging/sweeper.ts';
import { startServer, type RunningServer } from '../../../api/src/server.ts';
import { DIALECTS, openTestDatabase, type TestDatabase, type TestDialect } from './test-database.ts';
import { TestClock } from './test-clock.ts';
import { startPolicyIndex, type PolicyIndex } from './policy-index.ts';

const SECRET = 'test-secret-for-the-petition-suites-0123456789';

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; issues?: { path: (string | number)[]; code: string; message: string }[] } & Record<string, unknown>;
}
export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors?: GqlError[];
}

export class GqlClient {
  constructor(
    private readonly url: string,
    private readonly token: string | null,
  ) {}

  async request<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResult<T>> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T | null; errors?: GqlError[] };
    return { status: res.status, data: body.data ?? null, errors: body.errors };
  }

  /** The data, or a thrown error listing the GraphQL errors. */
  async ok<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const r = await this.request<T>(query, variables);
    if (r.errors?.length || !r.data) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
    return r.data;
  }

  /** The code of the first error (the test expects the call to fail). */
  async errorCode(query: string, variables: Record<string, unknown> = {}): Promise<string | undefined> {
    const r = await this.request(query, variables);
    return r.errors?.[0]?.extensions?.code;
  }
}

export interface TestApi {
  dialect: TestDialect['name'];
  clock: TestClock;
  app: App;
  server: RunningServer;
  db: TestDatabase;
  as(claims: Claims): Promise<GqlClient>;
  anonymous(): GqlClient;
  calendar(): Promise<WorkingCalendar>;
  sweep(): Promise<SweepResult>;
}

export async function startTestApi(dialect: TestDialect['name'], clock = new TestClock(), extraEnv: Record<string, string> = {}): Promise<TestApi> {
  const db = await openTestDatabase(dialect);
  const env = loadEnv({ NODE_ENV: 'test', API_JWT_SECRET: SECRET, LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent', ...extraEnv });
  const app = await createApp(env, { clock, database: db.database });
  const server = await startServer({ services: app.services, verifier: app.verifier, production: false, host: '127.0.0.1', port: 0 });
  return {
    dialect,
    clock,
    app,
    server,
    db,
    as: async (claims) => new GqlClient(server.url, await mintToken(claims, SECRET)),
    anonymous: () => new GqlClient(server.url, null),
    calendar: () => app.services.petitions.calendar(),
    sweep: () => sweep(app.services.petitions),
  };
}

export async function stopTestApi(api: TestApi): Promise<void> {
  await api.server.stop();
  await api.db.cleanup();
}

/**
 * Runs a suite once per dialect, each test with its own fresh database and api.
 * `describe.skipIf` keeps the PostgreSQL variant visible as skipped without TEST_DATABASE_URL.
 */
export interface SuiteOptions {
  /** Published policy item ids: the suite gets a real Meilisearch with them (final answers cite them). */
  policyIds?: readonly string[];
  /** Published policies (文件, type "policy") in the same index: ids that are NOT policy items. */
  policyDocumentIds?: readonly string[];
}

export function describeEachDialect(title: string, body: (api: () => TestApi) => void, options: SuiteOptions = {}): void {
  for (const dialect of DIALECTS) {
    describe.skipIf(!dialect.enabled)(`${title} [${dialect.name}]`, () => {
      let current: TestApi | undefined;
      let policies: PolicyIndex | undefined;
      beforeAll(async () => {
        if (options.policyIds) policies = await startPolicyIndex(dialect.name, options.policyIds, options.policyDocumentIds);
      }, 60_000);
      afterAll(async () => {
        await policies?.destroy();
      });
      beforeEach(async () => {
        current = await startTestApi(dialect.name, new TestClock(), policies?.env ?? {});
      });
      afterEach(async () => {
        if (current) await stopTestApi(current);
        current = undefined;
      });
      body(() => {
        if (!current) throw new Error('api not started');
        return current;
      });
    });
  }
}
