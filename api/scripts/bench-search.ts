// `npm run bench:search` (a benchmark, not a timed test). 10,000 generated policy items in the real
// CMS (SQLite) are indexed by the real search-sync into a real Meilisearch 1.21.0. A fixed set of
// 240 realistic queries then runs at concurrency 8:
//   1. through the GraphQL API (its own process, over HTTP, the search-only key);
//   2. directly against Meilisearch with the same parameters (same key, over HTTP);
//   3. the naive alternative a Strapi user would reach for: `filters[title][$containsi]` with a
//      count, run in-process through the Document Service (what the REST controller calls; the HTTP
//      layer is left out, which only flatters it).
// Plus `suggest` on the first characters of each query. The last line is one JSON object.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Meilisearch, type SearchParams } from 'meilisearch';
import { MEILI_REQUEST_INIT, SEARCH_FACETS } from '@zone/schemas';
import { parseCommandLine } from '@zone/schemas/cli';
import { reindex } from '@zone/search-sync';
import { startCms } from '../../test/helpers/cms.ts';
import { insertGeneratedItems } from '../../test/helpers/generated-items.ts';
import { freePort, startMeili } from '../../test/helpers/meili.ts';
import { startSync } from '../../test/helpers/sync.ts';
import { HIGHLIGHT_PARAMS } from '../src/search/highlight.ts';
import { buildFilter } from '../src/search/search-input.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ITEMS = 10_000;
const CONCURRENCY = 8;
const log = (line: string) => process.stderr.write(`${line}\n`);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

// 240 queries: what enterprises and the hotline type (subjects, abbreviations, questions), some
// with the filters the platform's facets produce.
const TERMS = ['技术改造', '技改', '数字化改造', '专精特新', '高新技术企业', '高企', '小微企业升规', '小升规', '首台套', '研发机构', '绿色工厂', '稳岗返还', '招工补贴', '以工代训', '高校毕业生', '人才安居', '贷款贴息', '融资担保', '企业上市', '专利授权', '标准制定', '安全生产', '清洁生产', '设备投资补助', '招不到人有什么补贴', '上市奖励多少', '专利资助', '研发费用', '数字化车间', '智能工厂'];
const DEPTS = ['economy-commerce', 'finance', 'human-resources', 'tax', 'market-regulation', 'development-reform', 'organization', 'emergency'];
type Query = { q: string; filter: Record<string, unknown> };
const QUERIES: Query[] = [];
for (let i = 0; i < 240; i++) {
  const q = TERMS[i % TERMS.length]!;
  const variant = Math.floor(i / TERMS.length);
  const filter: Record<string, unknown> =
    variant % 4 === 1 ? { types: ['policy_item'] } : variant % 4 === 2 ? { departments: [DEPTS[i % DEPTS.length]] } : variant % 4 === 3 ? { types: ['policy_item'], minAmount: 20 } : {};
  QUERIES.push({ q, filter });
}

async function runAtConcurrency<T>(tasks: T[], worker: (task: T) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < tasks.length) {
        const task = tasks[next++]!;
        const started = performance.now();
        await worker(task);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

const { values: cli } = parseCommandLine({
  command: 'npm run bench:search',
  usage: '用法：npm run bench:search -- [--diagnose]   1 万条政策条目上的搜索延迟（最后一行是 JSON）',
  options: { diagnose: { type: 'boolean', default: false } },
});
const require = createRequire(import.meta.url);
const { compileStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
await compileStrapi({ appDir: path.join(ROOT, 'cms') });
const meili = await startMeili('bench-search');
const cms = await startCms('sqlite', 'bench-search');
let api: ChildProcess | undefined;
try {
  const sync = await startSync(cms, meili, 'benchsearch', { env: { SYNC_POLL_MS: '50', MEILI_TASK_TIMEOUT_MS: '600000', MEILI_TIMEOUT_MS: '30000' } });
  await sync.until('startup backlog drained', async () => (await sync.runtime.outbox.pendingCount()) === 0, 120_000);
  log(`inserting ${ITEMS} generated items…`);
  await insertGeneratedItems(cms.strapi, ITEMS);
  log('indexing them (search-sync full reindex)…');
  await reindex(sync.runtime);
  const searchKey = sync.runtime.searchKey;
  const indexUid = sync.runtime.index.uid;

  // The api in its own process, as in production.
  const port = await freePort();
  api = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'api', 'src', 'main.ts')], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: cms.db.dataDir, MEILI_HOST: meili.host, MEILI_SEARCH_KEY: searchKey, MEILI_INDEX_PREFIX: sync.prefix, SEARCH_RATE_PER_MINUTE: '1000000', SWEEP_INTERVAL_SECONDS: '86400' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  await sync.until('api ready', async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.ok, 60_000);

  const gql = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  const SEARCH = `query($q: String!, $filter: SearchFilter) { search(query: $q, filter: $filter, first: 10) {
    totalCount edges { node { id documentId type title highlightedTitle snippet validity maxAmount applicationEnd itemCode department { code name } } }
    facets { type { value count } department { value label count } topic { value count } subject { value count } validity { value count } } } }`;
  const SUGGEST = `query($p: String!) { suggest(prefix: $p, limit: 6) { text highlighted type shortAnswer } }`;
  const toGraphql = (f: Record<string, unknown>) => ({
    ...f,
    ...(f.types ? { types: (f.types as string[]).map((t) => t.toUpperCase()) } : {}),
  });

  const meiliClient = new Meilisearch({ host: meili.host, apiKey: searchKey, timeout: 5_000, requestInit: MEILI_REQUEST_INIT });
  const index = meiliClient.index(indexUid);
  const meiliParams = (f: Record<string, unknown>): SearchParams => ({
    filter: buildFilter(f as never, 'zh-Hans'),
    facets: [...SEARCH_FACETS],
    limit: 10,
    attributesToHighlight: ['title', 'summary', 'shortAnswer', 'body'],
    attributesToCrop: ['summary', 'body', 'shortAnswer'],
    cropLength: 40,
    ...HIGHLIGHT_PARAMS,
  });
  const docs = cms.strapi.documents('api::policy-item.policy-item');

  // Warm-up: every path once over the whole set (caches, JIT, connection pools), not measured.
  for (const { q, filter } of QUERIES.slice(0, 40)) {
    await gql(SEARCH, { q, filter: toGraphql(filter) });
    await index.search(q, meiliParams(filter));
  }
  log('measuring the GraphQL API…');
  const apiLat = await runAtConcurrency(QUERIES, ({ q, filter }) => gql(SEARCH, { q, filter: toGraphql(filter) }));
  log('measuring Meilisearch directly…');
  const meiliLat = await runAtConcurrency(QUERIES, async ({ q, filter }) => {
    await index.search(q, meiliParams(filter));
  });
  log('measuring the api again (interleaved order guards against drift)…');
  const apiLat2 = await runAtConcurrency(QUERIES, ({ q, filter }) => gql(SEARCH, { q, filter: toGraphql(filter) }));
  const apiAll = [...apiLat, ...apiLat2].sort((a, b) => a - b);
  log('measuring $containsi through the Document Service…');
  const containsLat = await runAtConcurrency(QUERIES, async ({ q }) => {
    await Promise.all([
      docs.findMany({ locale: 'zh-Hans', status: 'published', filters: { title: { $containsi: q } }, limit: 10, start: 0 }),
      docs.count({ locale: 'zh-Hans', status: 'published', filters: { title: { $containsi: q } } }),
    ]);
  });
  log('measuring suggest…');
  const prefixes = QUERIES.map(({ q }, i) => q.slice(0, 1 + (i % 3)));
  const suggestLat = await runAtConcurrency(prefixes, (p) => gql(SUGGEST, { p }));

  if (cli.diagnose) {
    // Where Meilisearch spends the time: the same queries without facets, highlight or crop, serially and at 8.
    const variants: Record<string, (f: Record<string, unknown>) => SearchParams> = {
      full: meiliParams,
      noFacets: (f) => ({ ...meiliParams(f), facets: [] }),
      noCrop: (f) => ({ ...meiliParams(f), attributesToCrop: [], attributesToHighlight: ['title'] }),
      bare: (f) => ({ filter: buildFilter(f as never, 'zh-Hans'), limit: 10 }),
    };
    for (const [name, params] of Object.entries(variants)) {
      const serial: number[] = [];
      for (const { q, filter } of QUERIES.slice(0, 60)) {
        const t = performance.now();
        await index.search(q, params(filter));
        serial.push(performance.now() - t);
      }
      serial.sort((a, b) => a - b);
      const at8 = await runAtConcurrency(QUERIES, async ({ q, filter }) => {
        await index.search(q, params(filter));
      });
      log(`diagnose ${name.padEnd(9)} serial p50 ${pct(serial, 50).toFixed(1)} p99 ${pct(serial, 99).toFixed(1)} | c8 p50 ${pct(at8, 50).toFixed(1)} p99 ${pct(at8, 99).toFixed(1)}`);
    }
  }
  const line = (name: string, l: number[]) => log(`${name.padEnd(10)} p50 ${pct(l, 50).toFixed(1)} ms  p99 ${pct(l, 99).toFixed(1)} ms  max ${l.at(-1)!.toFixed(1)} ms  (${l.length} requests)`);
  line('api', apiAll);
  line('meili', meiliLat);
  line('containsi', containsLat);
  line('suggest', suggestLat);
  const round = (n: number) => Math.round(n * 10) / 10;
  const result = {
    items: ITEMS,
    concurrency: CONCURRENCY,
    api_p50_ms: round(pct(apiAll, 50)),
    api_p99_ms: round(pct(apiAll, 99)),
    meili_p50_ms: round(pct(meiliLat, 50)),
    meili_p99_ms: round(pct(meiliLat, 99)),
    p99_ratio: Math.round((pct(apiAll, 99) / pct(meiliLat, 99)) * 100) / 100,
    containsi_p99_ms: round(pct(containsLat, 99)),
    suggest_p99_ms: round(pct(suggestLat, 99)),
  };
  await sync.stop();
  console.log(JSON.stringify(result));
} finally {
  api?.kill('SIGTERM');
  await cms.stop();
  await meili.destroy();
}
process.exit(0);
