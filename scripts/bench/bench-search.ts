// `npm run bench:search` (a benchmark, not a timed test). Generated policy items (10,000 by default)
// in the real CMS (SQLite) are indexed by the real search-sync into a real Meilisearch 1.21.0; the
// api runs in its own process, as in production. Every figure is measured on at least 5,000
// requests, repeated 3 times in one run (interleaved: api, raw Meilisearch, api, …), and reported
// as the median of the repetitions with min and max beside it. Raw Meilisearch gets the very same
// queries and parameters in the same run. The load average is recorded at start and end: on a
// shared machine the absolute figures move with it, the api/Meilisearch ratios much less.
//   - search at concurrency 8: the api (GraphQL over HTTP) vs Meilisearch (same params, same key);
//   - suggest at concurrency 8 and 1: keystroke prefixes vs the same prefix query on Meilisearch;
//   - saturation throughput: requests/s at the concurrency that maximises it, api and Meilisearch
//     (and, in the detail line, both at concurrency 8: a ratio whose concurrency does not move between runs);
//   - CPU time per request of the api, Meilisearch and this process, for search at saturation and
//     for suggest at concurrency 8 (from /proc);
//   - keystrokes: agents typing, each keystroke aborting the previous suggest (latestOnly): stale
//     answers delivered (must be 0), and how many a naive client would have shown out of order;
//   - reference only: raw Meilisearch, the api's own multi-search: the exact requests the api's
//     `search` makes (ranking/ranked-search.ts through the api's client, no GraphQL), at concurrency 8,
//     so the api's own overhead over them shows beside the single-query comparison;
//   - reference only: `filters[title][$containsi]` through the Document Service.
// `--quick` is a smoke run (few items and requests; the test suite runs it). `--cpu-prof DIR` writes
// V8 CPU profiles of the api process. Output: stderr is the table, the second-last stdout line the
// full figures (JSON), the last line the summary JSON.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { SearchParams } from 'meilisearch';
import { parseCommandLine, usageError } from '@zone/schemas/cli';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const COMMAND = 'npm run bench:search';
const { values: cli } = parseCommandLine({
  command: COMMAND,
  usage: `用法：${COMMAND} -- [--quick] [--items 10000] [--requests 5000] [--repeat 3] [--cpu-prof 目录]   搜索延迟与吞吐（最后一行是 JSON）`,
  options: {
    quick: { type: 'boolean', default: false },
    items: { type: 'string' },
    requests: { type: 'string' },
    repeat: { type: 'string' },
    'cpu-prof': { type: 'string' },
    // The test suite's global setup compiled the CMS already; compiling again would race other suites.
    'skip-compile': { type: 'boolean', default: false },
  },
});
const positive = (name: 'items' | 'requests' | 'repeat', fallback: number) => {
  const raw = cli[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) usageError(COMMAND, `--${name} 必须是正整数（实际为 ${raw}）`);
  return n;
};
const QUICK = cli.quick;
const ITEMS = positive('items', QUICK ? 300 : 10_000);
const REQUESTS = positive('requests', QUICK ? 80 : 5_000);
const REPEAT = positive('repeat', 3);
const PROBE_REQUESTS = QUICK ? 40 : Math.min(1_000, REQUESTS);
const PROBE_CONCURRENCY = QUICK ? [2, 8] : [1, 2, 4, 8, 16, 32];
const CONTAINSI_REQUESTS = QUICK ? 24 : 500;
const AGENTS = 8;
const KEYSTROKE_MS = 60;
const TIMEOUT_MS = 10_000;

const log = (line: string) => process.stderr.write(`${line}\n`);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const load = () => loadavg().map((n) => round(n, 2));
const loadAtStart = load();

// The query mix: what enterprises and the hotline type (subjects, abbreviations, questions), some
// with the filters the platform's facets produce; 240 distinct (query, filter) pairs, cycled.
const TERMS = ['技术改造', '技改', '数字化改造', '专精特新', '高新技术企业', '高企', '小微企业升规', '小升规', '首台套', '研发机构', '绿色工厂', '稳岗返还', '招工补贴', '以工代训', '高校毕业生', '人才安居', '贷款贴息', '融资担保', '企业上市', '专利授权', '标准制定', '安全生产', '清洁生产', '设备投资补助', '招不到人有什么补贴', '上市奖励多少', '专利资助', '研发费用', '数字化车间', '智能工厂'];
const DEPTS = ['economy-commerce', 'finance', 'human-resources', 'tax', 'market-regulation', 'development-reform', 'organization', 'emergency'];
type Query = { q: string; filter: Record<string, unknown> };
const MIX: Query[] = Array.from({ length: 240 }, (_, i) => {
  const variant = Math.floor(i / TERMS.length) % 4;
  const filter = variant === 1 ? { types: ['policy_item'] } : variant === 2 ? { departments: [DEPTS[i % DEPTS.length]] } : variant === 3 ? { types: ['policy_item'], minAmount: 20 } : {};
  return { q: TERMS[i % TERMS.length]!, filter };
});
const QUERIES = Array.from({ length: REQUESTS }, (_, i) => MIX[i % MIX.length]!);
// Keystrokes: every prefix of every term, as typed (技, 技术, 技术改, 技术改造, …).
const KEYSTROKES = TERMS.flatMap((t) => Array.from({ length: t.length }, (_, i) => t.slice(0, i + 1)));
const PREFIXES = Array.from({ length: REQUESTS }, (_, i) => KEYSTROKES[i % KEYSTROKES.length]!);

/** Failed requests per figure (timeouts, SEARCH_UNAVAILABLE …): counted and reported, never fatal. */
const failures: Record<string, { count: number; first: string }> = {};
const failed = (figure: string, error: unknown) => {
  const entry = (failures[figure] ??= { count: 0, first: error instanceof Error ? error.message.slice(0, 300) : String(error) });
  entry.count++;
};

/**
 * Runs every task at the given concurrency; latencies sorted (a failed request counts with the time
 * it took, so a timeout is in the tail rather than left out), the wall-clock rate of successes, and
 * the failures (also added to `failures` under `figure`).
 */
async function measure<T>(figure: string, tasks: T[], concurrency: number, run: (task: T) => Promise<void>, onSample?: (task: T, ms: number) => void): Promise<{ lat: number[]; qps: number; errors: number }> {
  const lat: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const task = tasks[next++]!;
        const t = performance.now();
        try {
          await run(task);
        } catch (error) {
          errors++;
          failed(figure, error);
        }
        const ms = performance.now() - t;
        lat.push(ms);
        onSample?.(task, ms);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { lat: lat.sort((a, b) => a - b), qps: (tasks.length - errors) / seconds, errors };
}

type Spread = { median: number; min: number; max: number; runs: number[] };
const spread = (values: number[], digits = 1): Spread => {
  const s = [...values].sort((a, b) => a - b);
  return { median: round(s[Math.floor((s.length - 1) / 2)]!, digits), min: round(s[0]!, digits), max: round(s.at(-1)!, digits), runs: values.map((v) => round(v, digits)) };
};

// Strapi, search-sync, the api's search modules and the harness load only once the options are known
// to be valid, so a mistyped option is refused at once (the CLI rule) instead of after seconds of module loading.
const { Meilisearch } = await import('meilisearch');
const { latestOnly, MEILI_REQUEST_INIT, SEARCH_FACETS } = await import('@zone/schemas');
const { HIGHLIGHT_PARAMS } = await import('../../api/src/search/highlight.ts');
const { HIT_PARAMS } = await import('../../api/src/search/presenters.ts');
const { planQuery } = await import('../../api/src/search/ranking/query-plan.ts');
const { rankedSearch } = await import('../../api/src/search/ranking/ranked-search.ts');
const { buildFilter } = await import('../../api/src/search/search-filters.ts');
const { createSearchIndex } = await import('../../api/src/search/search-index.ts');
const { meiliHttpClient } = await import('../../api/src/search/meili-http.ts');
const { reindex } = await import('@zone/search-sync');
const { compileCms, freePort, insertGeneratedItems, startCms, startMeili, startSync } = await import('@zone/harness/testing');
if (!cli['skip-compile']) await compileCms();
const meili = await startMeili('bench-search');
const cms = await startCms('sqlite', 'bench-search');
let api: ChildProcess | undefined;
let cmsStopped = false;
try {
  const sync = await startSync(cms, meili, 'benchsearch', { env: { SYNC_POLL_MS: '50', MEILI_TASK_TIMEOUT_MS: '600000', MEILI_TIMEOUT_MS: '30000' } });
  await sync.until('startup backlog drained', async () => (await sync.runtime.outbox.pendingCount()) === 0, 120_000);
  log(`inserting ${ITEMS} generated items…`);
  await insertGeneratedItems(cms.strapi, ITEMS);
  log('indexing them (search-sync full reindex)…');
  await reindex(sync.runtime, { progress: null });
  await sync.stop();
  // Nothing measured while Meilisearch still indexes (the swap's old copy being dropped, settings):
  // its indexing would take the CPU the searches are measured on.
  const admin = sync.runtime.index.meili.withTimeout(30_000);
  for (const deadline = Date.now() + 600_000; ; ) {
    const busy = await admin.client.tasks.getTasks({ statuses: ['enqueued', 'processing'], limit: 1 });
    if (busy.results.length === 0) break;
    if (Date.now() > deadline) throw new Error('Meilisearch still has indexing tasks after 10 minutes');
    await new Promise((r) => setTimeout(r, 200));
  }
  const searchKey = sync.runtime.searchKey;
  const indexUid = sync.runtime.index.uid;

  const port = await freePort();
  const nodeArgs = cli['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(cli['cpu-prof'])] : [];
  // tsx as a loader in the api's own process (no wrapper process), so a CPU profile is the api's.
  api = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(ROOT, 'api', 'src', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: cms.db.dataDir, MEILI_HOST: meili.host, MEILI_SEARCH_KEY: searchKey, MEILI_INDEX_PREFIX: sync.prefix, SEARCH_RATE_PER_MINUTE: '1000000', SWEEP_INTERVAL_SECONDS: '86400',
      // The bench measures latency under overload: a slow answer is a measurement, not an outage
      // (production keeps its 1.5 s default; a request past it is still counted as failed here).
      MEILI_TIMEOUT_MS: '10000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  // CPU time (user + system, ms) of the api process, of Meilisearch and of this process, from
  // /proc/<pid>/stat (utime and stime, in clock ticks of 10 ms).
  const procCpuMs = (pid: number | undefined) => {
    if (pid === undefined) return NaN;
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const cpuNow = () => {
    const own = process.cpuUsage();
    return { api: procCpuMs(api?.pid), meili: procCpuMs(meili.server.process.pid), bench: (own.user + own.system) / 1000 };
  };
  await sync.until('api ready', async () => (await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined))?.ok, 90_000);

  // The api's clients (the platform, the workbench) keep their connections to it, and so does this one:
  // node:http kept alive (the api answers in one write with Nagle off, so nothing waits on an ACK). It is
  // the raw side's HTTP client code (api/src/search/meili-http.ts), so the load generator's own CPU per
  // request, which shares the two cores, does not differ between the sides by the choice of client
  // (the global fetch cost it 0.8 ms per api suggest, against 0.6 ms per raw prefix query; README "Sixth pass").
  const apiHttp = meiliHttpClient({ keepAlive: true, maxSockets: 64 });
  const gql = async <T>(query: string, variables: Record<string, unknown>, signal: AbortSignal = AbortSignal.timeout(TIMEOUT_MS)): Promise<T> => {
    const body = (await apiHttp(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }), signal })) as { data?: T; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  };
  const SEARCH = `query($q: String!, $filter: SearchFilter) { search(query: $q, filter: $filter, first: 10) {
    totalCount edges { node { id documentId type title highlightedTitle snippet validity maxAmount applicationEnd itemCode department { code name } } }
    facets { type { value count } department { value label count } topic { value count } subject { value count } validity { value count } } } }`;
  const SUGGEST = `query($p: String!) { suggest(prefix: $p, limit: 6) { text highlighted type shortAnswer } }`;
  const toGraphql = (f: Record<string, unknown>) => ({ ...f, ...(f.types ? { types: (f.types as string[]).map((t) => t.toUpperCase()) } : {}) });

  // Raw Meilisearch through the very client the api uses (node:http, a connection per request), so
  // the comparison is the api's own cost, not a difference between HTTP clients.
  const meiliClient = new Meilisearch({ host: meili.host, apiKey: searchKey, timeout: TIMEOUT_MS, requestInit: MEILI_REQUEST_INIT, httpClient: meiliHttpClient() });
  const index = meiliClient.index(indexUid);
  // The parameters the api's resolvers send (api/src/search/search-resolvers.ts: search, suggest).
  const searchParams = (f: Record<string, unknown>): SearchParams => ({
    filter: buildFilter(f as never, 'zh-Hans'),
    facets: [...SEARCH_FACETS],
    limit: 10,
    offset: 0,
    sort: undefined,
    ...HIT_PARAMS,
  });
  const prefixParams: SearchParams = {
    filter: ['locale = "zh-Hans"', 'validity = "valid"', 'type IN ["policy_item", "hotline_answer", "policy"]'],
    attributesToSearchOn: ['title', 'itemCode', 'keywords', 'shortAnswer', 'docNumberNormalized', 'docNumber'],
    attributesToRetrieve: ['id', 'documentId', 'type', 'title', 'shortAnswer', 'departmentName'],
    attributesToHighlight: ['title'],
    limit: 6,
    ...HIGHLIGHT_PARAMS,
  };
  // Reference only: the api's own Meilisearch requests for a search (ranking/ranked-search.ts, through
  // the api's SearchIndex and client), without GraphQL, HTTP and the api process: what the api adds
  // over the exact requests it makes, beside the single query the ratios compare against.
  const target = { host: meili.host, searchKey, indexUid };
  const rawApiIndex = createSearchIndex({ timeoutMs: TIMEOUT_MS, target: () => target });
  const meiliApiRequests = ({ q, filter }: Query) =>
    rankedSearch(rawApiIndex, planQuery(q), { ...searchParams(filter), limit: 10, offset: 0, showRankingScore: true }).then(() => undefined);
  const apiSearch = ({ q, filter }: Query) => gql(SEARCH, { q, filter: toGraphql(filter) }).then(() => undefined);
  const meiliSearch = ({ q, filter }: Query) => index.search(q, searchParams(filter)).then(() => undefined);
  const apiSuggest = (p: string) => gql(SUGGEST, { p }).then(() => undefined);
  const meiliPrefix = (p: string) => index.search(p, prefixParams).then(() => undefined);

  log(`reference: $containsi through the Document Service (${CONTAINSI_REQUESTS} requests)…`);
  const docs = cms.strapi.documents('api::policy-item.policy-item');
  const contains = await measure('containsi_reference', QUERIES.slice(0, CONTAINSI_REQUESTS), 8, async ({ q }) => {
    await Promise.all([
      docs.findMany({ locale: 'zh-Hans', status: 'published', filters: { title: { $containsi: q } }, limit: 10, start: 0 }),
      docs.count({ locale: 'zh-Hans', status: 'published', filters: { title: { $containsi: q } } }),
    ]);
  });

  // The CMS (Strapi, a few hundred MB of heap) is not needed past this point: the api reads the
  // database itself. It is stopped here, so that the load generator measuring every latency holds only
  // its clients, not Strapi's heap, timers and garbage collection. (The last pass suspected it of raw
  // Meilisearch's prefix p99 of ~20 ms at concurrency 1; on the sixth pass's machine one run each
  // with and without it gave 10.6 and 12.1 ms: no measurable effect, README "Sixth pass".)
  await cms.stop({ keepDatabase: true });
  cmsStopped = true;

  // Warm-up (caches, JIT, the api's parsed documents): not measured.
  log('warming up…');
  await measure('warm_up', MIX.slice(0, QUICK ? 20 : 240), 4, apiSearch);
  await measure('warm_up', MIX.slice(0, QUICK ? 20 : 240), 4, meiliSearch);
  await measure('warm_up', MIX.slice(0, QUICK ? 20 : 240), 4, meiliApiRequests);
  await measure('warm_up', KEYSTROKES.slice(0, QUICK ? 20 : 200), 4, apiSuggest);

  // Saturation: the concurrency at which each side serves the most requests per second.
  const probe = async (name: string, run: (q: Query) => Promise<void>) => {
    let best = { concurrency: 0, qps: 0 };
    for (const c of PROBE_CONCURRENCY) {
      const { qps } = await measure(`probe_${name}`, QUERIES.slice(0, PROBE_REQUESTS), c, run);
      log(`  probe ${name} c${c}: ${qps.toFixed(0)} req/s`);
      if (qps > best.qps) best = { concurrency: c, qps };
    }
    return best.concurrency;
  };
  log('finding the saturation concurrency…');
  const apiSat = await probe('api', apiSearch);
  const meiliSat = await probe('meili', meiliSearch);

  const runs: Record<string, number[]> = {};
  const add = (key: string, value: number) => (runs[key] ??= []).push(value);
  for (let rep = 1; rep <= REPEAT; rep++) {
    log(`repetition ${rep}/${REPEAT} (${REQUESTS} requests per figure; load ${load().join(' ')})`);
    const a = await measure('api_search_c8', QUERIES, 8, apiSearch);
    const m = await measure('meili_search_c8', QUERIES, 8, meiliSearch);
    add('api_p50_ms', pct(a.lat, 50));
    add('api_p99_ms', pct(a.lat, 99));
    add('meili_p50_ms', pct(m.lat, 50));
    add('meili_p99_ms', pct(m.lat, 99));
    add('p99_ratio', pct(a.lat, 99) / pct(m.lat, 99));
    // Throughput at the one fixed concurrency both sides share: beside the saturation ratio, whose
    // concurrency the short probes pick afresh each run (and Meilisearch's CPU per query grows with it).
    add('api_qps_c8', a.qps);
    add('meili_qps_c8', m.qps);
    add('qps_ratio_c8', a.qps / m.qps);
    const ma = await measure('meili_api_requests_c8', QUERIES, 8, meiliApiRequests);
    add('meili_api_requests_p50_ms', pct(ma.lat, 50));
    add('meili_api_requests_p99_ms', pct(ma.lat, 99));
    add('meili_api_requests_qps_c8', ma.qps);
    add('api_over_meili_api_requests_p99_ratio', pct(a.lat, 99) / pct(ma.lat, 99));
    const cpuS = cpuNow();
    const s = await measure('api_suggest_c8', PREFIXES, 8, apiSuggest);
    const cpuSMid = cpuNow();
    const mp = await measure('meili_prefix_c8', PREFIXES, 8, meiliPrefix);
    const cpuSEnd = cpuNow();
    // The same accounting for suggest at concurrency 8: what the api adds to each prefix query.
    for (const [side, from, to] of [['api_suggest', cpuS, cpuSMid], ['meili_prefix', cpuSMid, cpuSEnd]] as const)
      for (const proc of ['api', 'meili', 'bench'] as const) add(`cpu_ms_per_${side}_${proc}`, (to[proc] - from[proc]) / PREFIXES.length);
    add('suggest_p50_ms', pct(s.lat, 50));
    add('suggest_p99_ms', pct(s.lat, 99));
    add('meili_prefix_p50_ms', pct(mp.lat, 50));
    add('meili_prefix_p99_ms', pct(mp.lat, 99));
    add('suggest_ratio', pct(s.lat, 99) / pct(mp.lat, 99));
    // By prefix length: where the suggest tail comes from (one character matches most of the index).
    const byLength = (into: Map<string, number[]>) => (p: string, ms: number) => {
      const key = p.length >= 3 ? '3plus' : String(p.length);
      into.set(key, [...(into.get(key) ?? []), ms]);
    };
    const apiLen = new Map<string, number[]>();
    const meiliLen = new Map<string, number[]>();
    const s1 = await measure('api_suggest_c1', PREFIXES, 1, apiSuggest, byLength(apiLen));
    const mp1 = await measure('meili_prefix_c1', PREFIXES, 1, meiliPrefix, byLength(meiliLen));
    for (const [key, l] of apiLen) add(`suggest_c1_len${key}_p99_ms`, pct(l.sort((a, b) => a - b), 99));
    for (const [key, l] of meiliLen) add(`meili_prefix_c1_len${key}_p99_ms`, pct(l.sort((a, b) => a - b), 99));
    add('suggest_c1_p50_ms', pct(s1.lat, 50));
    add('suggest_c1_p99_ms', pct(s1.lat, 99));
    add('meili_prefix_c1_p99_ms', pct(mp1.lat, 99));
    const cpuAt = cpuNow();
    const at = await measure('api_search_saturation', QUERIES, apiSat, apiSearch);
    const cpuMid = cpuNow();
    const mt = await measure('meili_search_saturation', QUERIES, meiliSat, meiliSearch);
    const cpuEnd = cpuNow();
    // Where the two cores went per request at saturation: the api process, Meilisearch, the load
    // generator (this process; the in-process CMS is idle meanwhile).
    for (const [side, from, to] of [['api_search', cpuAt, cpuMid], ['meili_search', cpuMid, cpuEnd]] as const)
      for (const proc of ['api', 'meili', 'bench'] as const) add(`cpu_ms_per_${side}_${proc}`, (to[proc] - from[proc]) / QUERIES.length);
    add('api_qps', at.qps);
    add('meili_qps', mt.qps);
    add('qps_ratio', at.qps / mt.qps);
    add('api_sat_p99_ms', pct(at.lat, 99));
    add('meili_sat_p99_ms', pct(mt.lat, 99));
  }

  // Keystrokes: AGENTS agents type every term at KEYSTROKE_MS per character; each keystroke's
  // suggest aborts the one before (latestOnly). A delivered answer is stale when a later keystroke
  // of the same agent was already typed; the naive client (no abort) shows what would happen without.
  log('keystrokes: agents typing with an aborting client, then with a naive one…');
  const typing = async (aborting: boolean) => {
    let stale = 0;
    let outOfOrder = 0;
    let delivered = 0;
    let superseded = 0;
    let errors = 0;
    const finalLatency: number[] = [];
    await Promise.all(
      Array.from({ length: AGENTS }, async (_, agent) => {
        const terms = TERMS.filter((_, i) => i % AGENTS === agent);
        for (const term of terms) {
          let typed = 0;
          let shown = 0;
          const send = latestOnly((signal: AbortSignal, p: string) => gql<{ suggest: unknown[] }>(SUGGEST, { p }, AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)])));
          const inFlight: Array<Promise<void>> = [];
          for (let k = 1; k <= term.length; k++) {
            typed = k;
            const sentAt = performance.now();
            const mine = k;
            inFlight.push(
              (async () => {
                try {
                  if (aborting) {
                    const r = await send(term.slice(0, mine));
                    if (r.superseded) return void superseded++;
                  } else {
                    await gql(SUGGEST, { p: term.slice(0, mine) });
                  }
                } catch (error) {
                  failed(aborting ? 'keystrokes_aborting' : 'keystrokes_naive', error);
                  return void errors++;
                }
                delivered++;
                // Stale: a later keystroke was already typed; out of order: a later one was already shown.
                if (mine < typed) stale++;
                if (mine < shown) outOfOrder++;
                shown = Math.max(shown, mine);
                if (mine === term.length) finalLatency.push(performance.now() - sentAt);
              })(),
            );
            if (k < term.length) await new Promise((r) => setTimeout(r, KEYSTROKE_MS));
          }
          await Promise.all(inFlight);
          await new Promise((r) => setTimeout(r, KEYSTROKE_MS * 4));
        }
      }),
    );
    finalLatency.sort((a, b) => a - b);
    return { keystrokes: KEYSTROKES.length, delivered, superseded, errors, stale, out_of_order: outOfOrder, last_keystroke_p99_ms: finalLatency.length ? round(pct(finalLatency, 99)) : null };
  };
  const keystrokes = { aborting: await typing(true), naive: await typing(false) };

  const figures = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, spread(v, k.endsWith('ratio') ? 3 : 1)]));
  const loadAtEnd = load();
  const med = (k: string) => figures[k]!.median;
  log(`\n${'figure'.padEnd(24)} ${'median'.padStart(9)} ${'min'.padStart(9)} ${'max'.padStart(9)}`);
  for (const [k, v] of Object.entries(figures)) log(`${k.padEnd(24)} ${String(v.median).padStart(9)} ${String(v.min).padStart(9)} ${String(v.max).padStart(9)}`);
  log(`saturation concurrency: api ${apiSat}, meili ${meiliSat}`);
  log(
    `reference: raw Meilisearch, the api's own multi-search c8 (the exact requests of ranked-search.ts, no GraphQL): p50 ${med('meili_api_requests_p50_ms')} ms, p99 ${med('meili_api_requests_p99_ms')} ms, ` +
      `${med('meili_api_requests_qps_c8')} req/s; the single query: p50 ${med('meili_p50_ms')} ms, p99 ${med('meili_p99_ms')} ms; the api: p50 ${med('api_p50_ms')} ms, p99 ${med('api_p99_ms')} ms`,
  );
  log(`keystrokes (aborting): ${JSON.stringify(keystrokes.aborting)}`);
  log(`keystrokes (naive):    ${JSON.stringify(keystrokes.naive)}`);
  log(`reference $containsi c8: p50 ${pct(contains.lat, 50).toFixed(1)} ms, p99 ${pct(contains.lat, 99).toFixed(1)} ms (not a target)`);
  log(`failed requests: ${Object.keys(failures).length ? JSON.stringify(failures) : 'none'}`);
  log(`load average (1/5/15 min): start ${loadAtStart.join(' ')}, end ${loadAtEnd.join(' ')}`);
  console.log(
    JSON.stringify({
      detail: true,
      quick: QUICK,
      items: ITEMS,
      requests_per_figure: REQUESTS,
      repetitions: REPEAT,
      load_start: loadAtStart,
      load_end: loadAtEnd,
      saturation_concurrency: { api: apiSat, meili: meiliSat },
      figures,
      failures,
      keystrokes,
      containsi_reference: { p50_ms: round(pct(contains.lat, 50)), p99_ms: round(pct(contains.lat, 99)), requests: CONTAINSI_REQUESTS },
    }),
  );
  console.log(
    JSON.stringify({
      items: ITEMS,
      api_qps: med('api_qps'),
      meili_qps: med('meili_qps'),
      qps_ratio: med('qps_ratio'),
      api_p99_ms: med('api_p99_ms'),
      meili_p99_ms: med('meili_p99_ms'),
      p99_ratio: med('p99_ratio'),
      suggest_p99_ms: med('suggest_p99_ms'),
      meili_prefix_p99_ms: med('meili_prefix_p99_ms'),
      suggest_ratio: med('suggest_ratio'),
      suggest_c1_p99_ms: med('suggest_c1_p99_ms'),
    }),
  );
} finally {
  api?.kill('SIGTERM');
  if (api && api.exitCode === null) await new Promise((r) => api!.once('exit', r));
  if (cmsStopped) await cms.db.drop();
  else await cms.stop();
  await meili.destroy();
}
process.exit(0);
