// The pieces of the api's abuse protection on their own: the query analysis (linear in the document,
// whatever the fragments expand to), the cost-charged token bucket and its bounded key store, and
// the client address behind trusted proxies. The HTTP behaviour is in abuse.suite.ts.
import type http from 'node:http';
import { buildSchema, getIntrospectionQuery, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../api/src/graphql/load-type-defs.ts';
import { createQueryAnalyzer, documentShape, mostRepeatedResponseName } from '../../api/src/graphql/query-analysis.ts';
import { QUERY_LIMITS, illFormedVariable } from '../../api/src/graphql/query-limits.ts';
import { clientAddressKey, trustProxies } from '../../api/src/rate-limit/client-address.ts';
import { TokenBucketLimiter } from '../../api/src/rate-limit/token-bucket.ts';
import { SEARCH_LOOKUP_COSTS } from '../../api/src/search/search-resolvers.ts';
import { loadEnv } from '../../api/src/env.ts';
import { TestClock } from '../helpers/api/test-clock.ts';

const schema = buildSchema(loadTypeDefs().join('\n'));

function costOf(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const analyzer = createQueryAnalyzer(document, { schema, variables, lookupCosts: SEARCH_LOOKUP_COSTS, maxPage: QUERY_LIMITS.maxPage });
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  if (!op) throw new Error('no operation');
  return analyzer.operation(op);
}

/** F0 spreads F1 twice, F1 spreads F2 twice … F<levels> selects `health`: 2^levels fields once expanded. */
function fragmentChain(levels: number): string {
  let text = `fragment F${levels} on Query { health }`;
  for (let i = levels - 1; i >= 0; i--) text += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
  return `{ ...F0 } ${text}`;
}

describe('query analysis', () => {
  it('measures a 1 KB fragment chain that expands to 2^30 fields in milliseconds', () => {
    const chain = fragmentChain(30);
    expect(chain.length).toBeLessThan(1_300);
    const started = performance.now();
    const cost = costOf(chain);
    const ms = performance.now() - started;
    expect(cost.nodes).toBe(2 ** 30);
    expect(cost.depth).toBe(1);
    expect(ms).toBeLessThan(50);
  });

  it('counts exactly: 2^10 = 1024 fields is under the limit of 2000, 2^11 = 2048 is over it', () => {
    expect(costOf(fragmentChain(10)).nodes).toBe(1024);
    expect(costOf(fragmentChain(11)).nodes).toBe(2048);
    expect(QUERY_LIMITS.maxNodes).toBe(2000);
  });

  it('ends on fragment cycles (graphql-js then rejects them)', () => {
    expect(costOf(`{ ...A } fragment A on Query { health ...B } fragment B on Query { ...A ...A health }`).nodes).toBe(2);
  });

  it('multiplies a page by its size, from a literal, a variable or the schema default', () => {
    // search → 1 + (edges: 1 + (node: 1 + id + title)) × page = 1 + 4 × page
    expect(costOf(`{ search(query: "补助", first: 50) { edges { node { id title } } } }`).complexity).toBe(201);
    expect(costOf(`query($n: Int) { search(query: "补助", first: $n) { edges { node { id title } } } }`, { n: 20 }).complexity).toBe(81);
    expect(costOf(`{ search(query: "补助") { edges { node { id title } } } }`).complexity).toBe(41); // first: Int = 10
    // 100 aliases of that search: 100 × 201 = 20,100 > 20,000
    const aliases = Array.from({ length: 100 }, (_, i) => `s${i}: search(query: "补助", first: 50) { edges { node { id title } } }`).join(' ');
    expect(costOf(`{ ${aliases} }`).complexity).toBe(20_100);
  });

  it('counts backend lookups of every root read, detail reads included, through aliases and fragments', () => {
    const q = `{ a: policyItem(id: "x") { title } b: policy(id: "y") { title } ...D } fragment D on Query { interpretation(id: "z") { title } answers(query: "q") { title } }`;
    expect(costOf(q).lookups).toBe(1 + 3 + 2 + 3);
  });

  it('gives the standard introspection query its own depth (15) and counts its 230 fields', () => {
    const cost = costOf(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true }));
    // __schema › types › fields › args › type, then TypeRef: nine nested ofType and a leaf.
    expect(cost.introspectionDepth).toBe(15);
    expect(cost.depth).toBe(0);
    expect(cost.nodes).toBe(230);
    expect(QUERY_LIMITS.maxIntrospectionDepth).toBe(15);
  });

  it('sees the shapes that make graphql-js validation quadratic', () => {
    expect(mostRepeatedResponseName(parse(`{ health health ... on Query { health } a: health }`))).toBe(3);
    const shape = documentShape(parse(`query($a: Int, $b: Int) { ... on Query { ... on Query { health } } search(query: "x", filter: { departments: [["a"]] }) { totalCount } }`));
    expect(shape).toEqual({ valueNesting: 3, inlineFragmentNesting: 2, variables: 2 });
  });

  it('finds a lone surrogate anywhere in the variables, keys included, without recursion', () => {
    expect(illFormedVariable({ q: '技改\ud800' })).toBe('variables.q');
    expect(illFormedVariable({ filter: { departments: ['ok', 'x\udc00y'] } })).toBe('variables.filter.departments.1');
    expect(illFormedVariable({ q: '技改😀' })).toBeUndefined(); // a proper surrogate pair
    let deep: unknown = 'end';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(illFormedVariable({ deep })).toBeUndefined();
  });
});

describe('token bucket, charged by cost', () => {
  it('refuses past the budget with the seconds until enough has refilled, and refills continuously', () => {
    const clock = new TestClock('2026-11-27T10:00:00+08:00');
    const limiter = new TokenBucketLimiter(clock, { perMinute: 60, maxKeys: 10 }); // one unit per second
    limiter.take('a', 60);
    expect(() => limiter.take('a', 1)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED', retryAfterSeconds: 1 }) }));
    expect(() => limiter.take('a', 6)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ retryAfterSeconds: 6 }) }));
    clock.advanceMs(3_000);
    limiter.take('a', 3);
    expect(() => limiter.take('a', 1)).toThrow();
    limiter.take('b', 0); // costs nothing
    limiter.take('b', 500); // above the bucket: charged as a full bucket
    expect(() => limiter.take('b', 1)).toThrow();
  });

  it('never resets a client: a full store evicts only an idle, refilled bucket, else new keys share one overflow bucket', () => {
    const clock = new TestClock('2026-11-27T10:00:00+08:00');
    const limiter = new TokenBucketLimiter(clock, { perMinute: 60, maxKeys: 100 });
    limiter.take('victim', 60);
    for (let i = 0; i < 10_000; i++) {
      try {
        limiter.take(`ip:10.${i >> 8}.${i & 255}.1`, 1);
      } catch {
        // past the overflow bucket's budget
      }
    }
    expect(limiter.size).toBe(100);
    expect(() => limiter.take('victim', 1)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED' }) }));
    // One second later each of the 99 others spent 1 of 60 and has refilled; the victim has only 1 unit.
    clock.advanceMs(1_000);
    limiter.take('newcomer', 1);
    expect(limiter.size).toBe(100);
    expect(() => limiter.take('victim', 2)).toThrow();
    limiter.take('victim', 1);
  });
});

describe('client address behind trusted proxies', () => {
  const req = (remoteAddress: string, forwarded?: string) =>
    ({ headers: forwarded ? { 'x-forwarded-for': forwarded } : {}, socket: { remoteAddress }, connection: { remoteAddress } }) as unknown as http.IncomingMessage;

  it('ignores X-Forwarded-For unless the peer is a trusted proxy, then takes the right-most untrusted address', () => {
    const none = trustProxies([]);
    expect(clientAddressKey(req('203.0.113.9', '1.1.1.1'), none)).toBe('ip:203.0.113.9');
    const lb = trustProxies(['10.0.0.0/8']);
    expect(clientAddressKey(req('10.0.0.9', '6.6.6.6, 198.51.100.4'), lb)).toBe('ip:198.51.100.4');
    expect(clientAddressKey(req('10.0.0.9', '7.7.7.7, 198.51.100.4, 10.0.0.5'), lb)).toBe('ip:198.51.100.4');
    expect(clientAddressKey(req('203.0.113.9', '198.51.100.4'), lb)).toBe('ip:203.0.113.9');
    expect(clientAddressKey(req('10.0.0.9', 'not-an-address'), lb)).toBe('ip:10.0.0.9');
  });

  it('keys IPv6 clients by their /64 and IPv4-mapped peers as IPv4', () => {
    const none = trustProxies([]);
    expect(clientAddressKey(req('2001:db8:1:2:aaaa::1'), none)).toBe('ip:2001:db8:1:2::/64');
    expect(clientAddressKey(req('2001:db8:1:2:bbbb:cccc:dddd:2'), none)).toBe('ip:2001:db8:1:2::/64');
    expect(clientAddressKey(req('::ffff:127.0.0.1'), none)).toBe('ip:127.0.0.1');
  });

  it('TRUSTED_PROXIES is a validated CIDR list, empty by default', () => {
    expect(loadEnv({}).TRUSTED_PROXIES).toEqual([]);
    expect(loadEnv({ TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1,::1' }).TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
    expect(() => loadEnv({ TRUSTED_PROXIES: '10.0.0.0/8,loadbalancer' })).toThrow(/TRUSTED_PROXIES/);
  });
});
