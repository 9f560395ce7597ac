// Adversarial requests against the real api over HTTP (CMS demo content → search-sync → Meilisearch
// → api), the api's own database on the suite's kind. Each class of abuse must end in a coded 4xx
// (400, 413, or 429 with Retry-After), never a 5xx, and never hold the process: /healthz keeps
// answering while bombs arrive. Expected figures are worked out by hand in the comments.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mintToken } from '../../api/src/auth/mint-token.ts';
import { loadTypeDefs } from '../../api/src/graphql/load-type-defs.ts';
import { QUERY_LIMITS } from '../../api/src/graphql/query-limits.ts';
import { SEARCH_LOOKUP_COSTS, searchResolvers } from '../../api/src/search/search-resolvers.ts';
import { ENTERPRISE_USCC, enterpriseInput, freshKey } from '../helpers/api/petition-client.ts';
import { TestClock } from '../helpers/api/test-clock.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/api/test-database.ts';
import type { DbKind } from '../helpers/databases.ts';
import { freePort } from '../helpers/meili.ts';
import { startSearchApi, startSearchStack, type ApiUnderTest, type SearchStack } from '../helpers/search-stack.ts';

const SECRET = 'search-api-test-secret-0123456789abcdef';

interface Reply {
  status: number;
  retryAfter: string | null;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  ms: number;
}

/** One POST with a raw body (so tests can send what a JSON library would not), read whatever comes back. */
async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  let parsed: Reply['body'] = {};
  try {
    parsed = JSON.parse(text) as Reply['body'];
  } catch {
    parsed = { errors: [{ message: text }] };
  }
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: parsed, ms: performance.now() - started };
}

const code = (r: Reply) => r.body.errors?.[0]?.extensions?.code as string | undefined;

/** F0 spreads F1 twice … F<levels> selects `health`: 2^levels fields once expanded (30 levels: about 1 KB). */
function fragmentChain(levels: number): string {
  let text = `fragment F${levels} on Query { health }`;
  for (let i = levels - 1; i >= 0; i--) text += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
  return `{ ...F0 } ${text}`;
}

/** W0 spreads W1 eight times … W5 selects `health`: 8^5 = 32,768 fields. */
function wideBomb(): string {
  let text = `fragment W5 on Query { health }`;
  for (let i = 4; i >= 0; i--) text += ` fragment W${i} on Query { ${Array.from({ length: 8 }, () => `...W${i + 1}`).join(' ')} }`;
  return `{ ...W0 } ${text}`;
}

/** A minimal call of each root field the search module serves (a new field must be added here). */
const SAMPLE_CALLS: Record<string, string> = {
  search: 'search(query: "补助") { totalCount }',
  suggest: 'suggest(prefix: "技") { text }',
  answers: 'answers(query: "补助") { title }',
  answerSet: 'answerSet(query: "补助") { state }',
  policyItem: 'policyItem(id: "doesnotexist0000") { title }',
  policy: 'policy(id: "doesnotexist0000") { title }',
  interpretation: 'interpretation(id: "doesnotexist0000") { title }',
  departments: 'departments { code }',
};

/**
 * The api as it runs in production (`api/src/main.ts`, `npm start`) in a process of its own, so a
 * latency probe measures the api's event loop, not the test runner's (which also hosts the CMS).
 */
async function startApiProcess(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'zone-abuse-api-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, API_JWT_SECRET: SECRET, ...env },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(url.replace('/graphql', '/healthz'), { signal: AbortSignal.timeout(1_000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error('the api process did not start within 60 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function defineAbuseSuite(kind: DbKind): void {
  describe(`abuse of the search API (${kind})`, () => {
    let stack: SearchStack;
    let db: TestDatabase;
    let api: ApiUnderTest;
    const started: Array<() => Promise<void>> = [];
    /** Another api on the same index, with its own env (rate limits, proxies) and a frozen clock. */
    const startApi = async (env: Record<string, string>, opts: { production?: boolean } = {}) => {
      const other = await startSearchApi({ host: stack.meili.host, searchKey: stack.sync.runtime.searchKey, prefix: stack.sync.prefix, env, clock: new TestClock('2026-11-27T10:00:00+08:00'), ...opts });
      started.push(() => other.stop());
      return other;
    };
    const staffToken = (sub: string) => mintToken({ role: 'hotline', sub }, SECRET);

    beforeAll(async () => {
      stack = await startSearchStack(kind, `abuse-${kind}`);
      db = await openTestDatabase(kind);
      // Generous budget: this api is for the query-shape tests; the rate-limit tests start their own.
      api = await startSearchApi({ host: stack.meili.host, searchKey: stack.sync.runtime.searchKey, prefix: stack.sync.prefix, env: { SEARCH_RATE_PER_MINUTE: '1000000' }, database: db.database });
    }, 300_000);
    afterAll(async () => {
      for (const stop of started) await stop();
      await api?.stop();
      await db?.cleanup();
      await stack?.stop();
    });

    describe('expensive documents are refused before they run', () => {
      it('100 aliases of search(first: 50): QUERY_TOO_COMPLEX 400 (100 × (1 + 4 × 50) = 20,100 > 20,000)', async () => {
        const aliases = Array.from({ length: 100 }, (_, i) => `s${i}: search(query: "补助", first: 50) { edges { node { id title } } }`).join(' ');
        const r = await post(api.url, { query: `{ ${aliases} }` });
        expect(r.status).toBe(400);
        expect(r.body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'complexity', value: 20_100, max: 20_000 });
        expect(r.body.data).toBeUndefined();
      });

      it('fragment bombs: a 1 KB chain (2^30 fields), a wide one (8^5) and a cycle are coded 400s', async () => {
        const chain = fragmentChain(30);
        expect(chain.length).toBeLessThan(1_300);
        const c = await post(api.url, { query: chain });
        expect(c.status).toBe(400);
        expect(c.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'nodes', value: 2 ** 30 });
        const w = await post(api.url, { query: wideBomb() });
        expect(w.status).toBe(400);
        expect(w.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'nodes', value: 8 ** 5 });
        const cycle = await post(api.url, { query: `{ ...A } fragment A on Query { health ...B } fragment B on Query { ...A ...A }` });
        expect(cycle.status).toBe(400);
        expect(code(cycle)).toBe('GRAPHQL_VALIDATION_FAILED');
        // A fragment chain is not refused for being one: 2^10 = 1024 fields is within the 2,000.
        const fine = await post(api.url, { query: fragmentChain(10) });
        expect(fine.status).toBe(200);
        expect(fine.body.data).toEqual({ health: 'ok' });
        // How long they hold the process is measured by the /healthz test below (and the analysis alone in abuse.limits.test.ts).
      });

      it('/healthz answers within 100 ms while a fragment bomb is processed (the api in its own process)', async () => {
        const bomb = fragmentChain(30);
        const own = await startApiProcess({ MEILI_HOST: stack.meili.host, MEILI_SEARCH_KEY: stack.sync.runtime.searchKey, MEILI_INDEX_PREFIX: stack.sync.prefix });
        started.push(() => own.stop());
        const health = own.url.replace('/graphql', '/healthz');
        const probe = async () => {
          const t = performance.now();
          const res = await fetch(health, { signal: AbortSignal.timeout(5_000) });
          expect(res.status).toBe(200);
          return performance.now() - t;
        };
        const baseline: number[] = [];
        for (let i = 0; i < 10; i++) baseline.push(await probe());
        // One bomb at a time, each with a probe sent right behind it: before the linear analysis a
        // 21-level chain held the event loop for 2.6–14.6 s, and /healthz waited that long.
        const latencies: number[] = [];
        for (let i = 0; i < 15; i++) {
          const bombSent = post(own.url, { query: bomb });
          latencies.push(await probe());
          expect((await bombSent).status).toBe(400);
        }
        const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Infinity;
        console.info(
          `healthz: idle median ${median(baseline).toFixed(1)} ms, max ${Math.max(...baseline).toFixed(1)} ms; ` +
            `behind a bomb median ${median(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
        );
        expect(median(latencies)).toBeLessThan(100);
        // The machine is shared (load average up to 20 on 2 cores): a single probe can wait on the
        // scheduler, not on the api, so the worst probe is held to a looser bound.
        expect(Math.max(...latencies)).toBeLessThan(500);
      }, 120_000);

      it('node count, depth and shapes that slow validation each have their limit', async () => {
        const nodes = await post(api.url, { query: fragmentChain(11) });
        expect(nodes.status).toBe(400);
        expect(nodes.body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'nodes', value: 2048, max: 2000 });
        // 11 nested fields (unknown ones: the depth is measured before validation looks at names)
        const deep = await post(api.url, { query: `{ ${'a { '.repeat(10)} b ${'}'.repeat(10)} }` });
        expect(deep.body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', value: 11, max: 10 });
        const ten = await post(api.url, { query: `{ ${'a { '.repeat(9)} b ${'}'.repeat(9)} }` });
        expect(code(ten)).toBe('GRAPHQL_VALIDATION_FAILED');
        const inline = await post(api.url, { query: `{ ${'... on Query { '.repeat(6)} health ${'}'.repeat(6)} }` });
        expect(inline.body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'inlineFragmentNesting', value: 6, max: 5 });
        const repeated = await post(api.url, { query: `{ ${'health '.repeat(700)} }` });
        expect(repeated.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'repeatedField', value: 700 });
        const list = await post(api.url, { query: `{ search(query: "a", filter: { departments: ${'['.repeat(1900)}"a"${']'.repeat(1900)} }) { totalCount } }` });
        expect(list.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'valueNesting', value: 1901 });
        const variables = await post(api.url, { query: `query(${Array.from({ length: 60 }, (_, i) => `$v${i}: Int`).join(' ')}) { health }` });
        expect(variables.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'variables', value: 60, max: 50 });
        const tokens = await post(api.url, { query: `{ ${'a { '.repeat(1600)} b ${'}'.repeat(1600)} }` });
        expect(tokens.status).toBe(400);
        expect(code(tokens)).toBe('GRAPHQL_PARSE_FAILED');
        for (const r of [nodes, deep, ten, inline, repeated, list, variables, tokens]) expect(r.status).toBe(400);
      });

      it('the standard introspection query passes in development only; deeper introspection does not', async () => {
        let nested = 'name';
        for (let i = 0; i < 8; i++) nested = `ofType { ${nested} }`;
        // __type › fields › type › 8 × ofType › name = 12 levels inside introspection (limit 15 in development)
        const intro = await post(api.url, { query: `{ __type(name: "Query") { fields { type { ${nested} } } } }` });
        expect(intro.status).toBe(200);
        // 4 more ofType: 16 levels
        const deeper = await post(api.url, { query: `{ __type(name: "Query") { fields { type { ofType { ofType { ofType { ofType { ${nested} } } } } } } } }` });
        expect(deeper.body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'introspectionDepth', value: 16, max: 15 });
        const { getIntrospectionQuery } = await import('graphql');
        const standard = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true });
        const dev = await post(api.url, { query: standard });
        expect(dev.status).toBe(200);
        expect(dev.body.data.__schema.queryType.name).toBe('Query');
        const prod = await startApi({}, { production: true });
        const refused = await post(prod.url, { query: standard });
        expect(refused.status).toBe(400);
        expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'introspectionDepth', value: 15, max: QUERY_LIMITS.maxDepth });
        const shallow = await post(prod.url, { query: `{ __schema { queryType { name } } }` });
        expect(shallow.status).toBe(400);
        expect(code(shallow)).toBe('GRAPHQL_VALIDATION_FAILED');
      });

      it('production error messages suggest no field names; development still does', async () => {
        const prod = await startApi({}, { production: true });
        const typo = await post(prod.url, { query: `{ serch(query: "补助") { totalCount } }` });
        expect(typo.status).toBe(400);
        expect(typo.body.errors?.[0]?.message).toBe('Cannot query field "serch" on type "Query".');
        const dev = await post(api.url, { query: `{ serch(query: "补助") { totalCount } }` });
        expect(dev.body.errors?.[0]?.message).toContain('Did you mean "search"?');
      });
    });

    describe('detail reads are charged like searches', () => {
      it('every root field the search module serves has a lookup cost, and one request holds at most 20 lookups', async () => {
        const schema = buildSchema(loadTypeDefs().join('\n'));
        const served = Object.keys(searchResolvers.Query ?? {});
        expect(served.sort()).toEqual(Object.keys(SEARCH_LOOKUP_COSTS).sort());
        expect(served.sort()).toEqual(Object.keys(SAMPLE_CALLS).sort());
        for (const field of served) {
          expect(schema.getQueryType()?.getFields()[field], field).toBeDefined();
          const cost = SEARCH_LOOKUP_COSTS[field as keyof typeof SEARCH_LOOKUP_COSTS];
          if (field !== 'departments') expect(cost, field).toBeGreaterThanOrEqual(1);
          if (cost === 0) continue;
          const over = Math.floor(QUERY_LIMITS.maxLookups / cost) + 1;
          const calls = Array.from({ length: over }, (_, i) => `a${i}: ${SAMPLE_CALLS[field]}`).join(' ');
          const r = await post(api.url, { query: `{ ${calls} }` });
          expect(r.status, field).toBe(400);
          expect(r.body.errors?.[0]?.extensions, field).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'lookups', value: over * cost, max: 20 });
        }
      });

      it('the budget is charged per lookup: after 10 units, the 11th is RATE_LIMITED 429 with Retry-After, until it refills', async () => {
        const limited = await startApi({ SEARCH_RATE_PER_MINUTE: '10' });
        // 3 × policy (3 lookups each) = 9 units, then one policyItem = 10.
        const three = await post(limited.url, { query: `{ a: ${SAMPLE_CALLS.policy} b: ${SAMPLE_CALLS.policy} c: ${SAMPLE_CALLS.policy} }` });
        expect(three.status).toBe(200);
        expect(code(three)).toBe('NOT_FOUND');
        expect((await post(limited.url, { query: `{ ${SAMPLE_CALLS.policyItem} }` })).status).toBe(200);
        const refused = await post(limited.url, { query: `{ ${SAMPLE_CALLS.interpretation} }` });
        expect(refused.status).toBe(429);
        // interpretation costs 2; at 10 units a minute, 2 units refill in 12 s.
        expect(refused.retryAfter).toBe('12');
        expect(refused.body).toEqual({ errors: [{ message: '请求过于频繁，请稍后再试 (rate limited)', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 12 } }] });
        // A query that reads nothing from the index costs nothing.
        expect((await post(limited.url, { query: '{ health }' })).status).toBe(200);
        limited.clock.advanceMs(12_000);
        expect((await post(limited.url, { query: `{ ${SAMPLE_CALLS.interpretation} }` })).status).toBe(200);
      });
    });

    describe('who is limited', () => {
      it('X-Forwarded-For is ignored without a trusted proxy: rotating it does not reset the limit', async () => {
        const limited = await startApi({ SEARCH_RATE_PER_MINUTE: '3' });
        for (let i = 0; i < 3; i++) expect((await post(limited.url, { query: `{ ${SAMPLE_CALLS.suggest} }` }, { 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(200);
        for (let i = 3; i < 10; i++) {
          const r = await post(limited.url, { query: `{ ${SAMPLE_CALLS.suggest} }` }, { 'x-forwarded-for': `203.0.113.${i}` });
          expect(r.status).toBe(429);
          expect(code(r)).toBe('RATE_LIMITED');
        }
      });

      it('behind a trusted proxy the right-most untrusted address is the client; a forged left entry changes nothing', async () => {
        const limited = await startApi({ SEARCH_RATE_PER_MINUTE: '3', TRUSTED_PROXIES: '127.0.0.1,::1' });
        for (let i = 0; i < 3; i++) expect((await post(limited.url, { query: `{ ${SAMPLE_CALLS.suggest} }` }, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(200);
        expect((await post(limited.url, { query: `{ ${SAMPLE_CALLS.suggest} }` }, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(429);
        expect((await post(limited.url, { query: `{ ${SAMPLE_CALLS.suggest} }` }, { 'x-forwarded-for': '1.2.3.4, 198.51.100.7' })).status).toBe(429);
        expect((await post(limited.url, { query: `{ ${SAMPLE_CALLS.suggest} }` }, { 'x-forwarded-for': '198.51.100.8' })).status).toBe(200);
      });

      it('ten times as many distinct client addresses as the store holds neither reset a spent budget nor grow the store past its bound', async () => {
        // The store's bound is a setting: 200 keys here, flooded by 2,000 addresses (the ratio is what matters;
        // 10,000 addresses against 1,000 keys proved the same at five times the cost).
        const limited = await startApi({ SEARCH_RATE_PER_MINUTE: '2', TRUSTED_PROXIES: '127.0.0.1,::1', SEARCH_RATE_MAX_KEYS: '200' });
        // policyItem with an impossible id: charged one lookup, then refused by the resolver without a search.
        const cheap = { query: `{ policyItem(id: "!") { title } }` };
        const victim = { 'x-forwarded-for': '198.51.100.7' };
        expect((await post(limited.url, cheap, victim)).status).toBe(200);
        expect((await post(limited.url, cheap, victim)).status).toBe(200);
        expect((await post(limited.url, cheap, victim)).status).toBe(429);
        const statuses = new Map<number, number>();
        let next = 0;
        await Promise.all(
          Array.from({ length: 16 }, async () => {
            while (next < 2_000) {
              const i = next++;
              const r = await post(limited.url, cheap, { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });
              statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
            }
          }),
        );
        expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
        expect(limited.app.services.searchLimiter.size).toBe(200);
        expect((await post(limited.url, cheap, victim)).status).toBe(429);
        // Staff are keyed by their token, whatever the addresses do.
        expect((await post(limited.url, cheap, { ...victim, authorization: `Bearer ${await staffToken('agent-x')}` })).status).toBe(200);
      }, 180_000);

      it('a call centre behind one address: each agent has their own budget, the anonymous public shares the address', async () => {
        const limited = await startApi({ SEARCH_RATE_PER_MINUTE: '3' });
        const agents = await Promise.all(Array.from({ length: 10 }, (_, i) => staffToken(`agent-${i}`)));
        for (const token of agents) {
          for (let k = 0; k < 3; k++) {
            const r = await post(limited.url, { query: `{ ${SAMPLE_CALLS.suggest} }` }, { authorization: `Bearer ${token}` });
            expect(r.status).toBe(200);
            expect(r.body.errors).toBeUndefined();
          }
        }
        expect((await post(limited.url, { query: `{ ${SAMPLE_CALLS.suggest} }` }, { authorization: `Bearer ${agents[0]}` })).status).toBe(429);
        // An enterprise token is not staff: it counts against the address, as anonymous calls do.
        const enterprise = await mintToken({ role: 'enterprise', sub: 'e1', uscc: ENTERPRISE_USCC }, SECRET);
        for (let k = 0; k < 3; k++) expect((await post(limited.url, { query: `{ ${SAMPLE_CALLS.suggest} }` }, k === 0 ? { authorization: `Bearer ${enterprise}` } : {})).status).toBe(200);
        expect((await post(limited.url, { query: `{ ${SAMPLE_CALLS.suggest} }` })).status).toBe(429);
        expect((await post(limited.url, { query: `{ ${SAMPLE_CALLS.suggest} }` }, { authorization: `Bearer ${enterprise}` })).status).toBe(429);
      });
    });

    describe('bad input gets its code', () => {
      it('a lone surrogate is BAD_USER_INPUT (variables) or GRAPHQL_PARSE_FAILED (inline), never SEARCH_UNAVAILABLE', async () => {
        const q = 'query($q: String!, $filter: SearchFilter) { search(query: $q, filter: $filter) { totalCount } }';
        const variable = await post(api.url, { query: q, variables: { q: '技改\ud800' } });
        expect(variable.status).toBe(400);
        expect(variable.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'q' });
        const nested = await post(api.url, { query: q, variables: { q: '技改', filter: { departments: ['\udc00'] } } });
        expect(nested.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.departments.0' });
        // The escape written in the GraphQL string, and the raw code unit sent through JSON.
        const escaped = await post(api.url, { query: '{ search(query: "技改\\ud800") { totalCount } }' });
        expect(escaped.status).toBe(400);
        expect(code(escaped)).toBe('GRAPHQL_PARSE_FAILED');
        const raw = await post(api.url, '{"query": "{ search(query: \\"技改\\ud800\\") { totalCount } }"}');
        expect(raw.status).toBe(400);
        expect(code(raw)).toBe('GRAPHQL_PARSE_FAILED');
        // A proper surrogate pair is text like any other.
        const emoji = await post(api.url, { query: q, variables: { q: '技改😀' } });
        expect(emoji.status).toBe(200);
        expect(emoji.body.errors).toBeUndefined();
      });

      it('a petition with a lone surrogate is refused whole: nothing is stored', async () => {
        const token = await mintToken({ role: 'enterprise', sub: 'e-surrogate', uscc: ENTERPRISE_USCC }, SECRET);
        const r = await post(
          api.url,
          { query: 'mutation($i: SubmitPetitionInput!, $k: String!) { submitPetition(input: $i, idempotencyKey: $k) { id } }', variables: { i: enterpriseInput({ title: '厂房用电\ud800增容' }), k: freshKey() } },
          { authorization: `Bearer ${token}` },
        );
        expect(r.status).toBe(400);
        expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'i.title' });
        const { count } = await db.database.db.selectFrom('petitions').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
        expect(Number(count)).toBe(0);
      });

      it('subscriptions, unknown operations and batches are 400s, and nothing is logged as an error', async () => {
        const errorLog = vi.spyOn(api.app.services.logger, 'error');
        try {
          const sub = await post(api.url, { query: 'subscription { health }' });
          expect(sub.status).toBe(400);
          expect(sub.body.errors?.[0]).toEqual({ message: '不支持订阅 (subscriptions are not supported; use a query)', extensions: { code: 'BAD_REQUEST' } });
          const unknown = await post(api.url, { query: 'query A { health }', operationName: 'B' });
          expect(unknown.status).toBe(400);
          expect(code(unknown)).toBe('OPERATION_RESOLUTION_FAILURE');
          const several = await post(api.url, { query: 'query A { health } query B { health }' });
          expect(several.status).toBe(400);
          const batch = await post(api.url, [{ query: '{ health }' }, { query: '{ health }' }]);
          expect(batch.status).toBe(400);
          expect(errorLog).not.toHaveBeenCalled();
        } finally {
          errorLog.mockRestore();
        }
      });

      it('huge variables: a 900 KB string, a 1.1 MB body and 100,000-deep JSON are 4xx', async () => {
        const q = 'query($q: String!) { search(query: $q) { totalCount } }';
        const long = await post(api.url, { query: q, variables: { q: '补'.repeat(300_000) } });
        expect(long.status).toBeLessThan(500);
        expect(long.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
        const tooBig = await post(api.url, { query: q, variables: { q: 'x'.repeat(1_100_000) } });
        expect(tooBig.status).toBe(413);
        expect(code(tooBig)).toBe('BAD_USER_INPUT');
        const deep = await post(api.url, `{"query": ${JSON.stringify(q)}, "variables": {"q": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}`);
        expect(deep.status).toBeGreaterThanOrEqual(400);
        expect(deep.status).toBeLessThan(500);
        expect((await post(api.url, { query: '{ health }' })).status).toBe(200);
      });
    });
  });
}
