// A probe, not a benchmark of the product: a real Meilisearch 1.21 with N generated policy-item
// documents (built by search-sync's own document builder), queried directly with the api's search
// and suggest parameters through different HTTP clients, and written to one document at a time.
// It answers three questions behind `npm run bench:search` / `bench:sync`:
//   - clients: does a kept-alive connection stall on the delayed ACK (fetch vs node:http, keep-alive
//     vs a connection per request), and what does each client cost per request;
//   - work: what the api's search asks of Meilisearch (one search vs the ranked multi-search, with and
//     without facets on every leg);
//   - one-document tasks: Meilisearch's own task time (enqueuedAt → startedAt → finishedAt) for a
//     one-document addition to an N-document index: the physical floor under publish → searchable.
//   - cost: what each part of the api's search costs Meilisearch (its processingTimeMs and its process
//     CPU per search, concurrency 1, the bench's query mix), for the single query the bench compares
//     against, the multi-search the api sent before (legacy-ranked-search.ts) and its variants, and
//     the api's ranked-search.ts as it is (`api_as_built`); `--variants a,b` runs only those;
//   - same: the api's ranked search gives what it gives when it always sends its frequency leg (hits,
//     order, highlights, facets; totals counted apart) on the bench's mix and question-style queries, for two
//     pages and the answer cards.
// Usage: npx tsx scripts/bench/meili-probe.ts [--items 10000] [--requests 1000] [--tasks 40] [--part clients,work,tasks,cost,same] [--variants …] [--poll-ms 2]
// The tasks part also prints Meilisearch's own step trace (GET /batches/:uid, stats.progressTrace) of the
// slowest and the median one-document batch.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Meilisearch, type SearchParams, type SearchResponse, type Settings } from 'meilisearch';
import { MEILI_REQUEST_INIT, SEARCH_FACETS, SEARCH_INDEX_SETTINGS, markdownToText, type SearchDocument } from '@zone/schemas';
import { parseCommandLine, usageError } from '@zone/schemas/cli';
import { generatedItem, startMeili } from '@zone/harness/testing';
import { HIGHLIGHT_PARAMS } from '../../api/src/search/highlight.ts';
import { meiliHttpClient } from '../../api/src/search/meili-http.ts';
import { planQuery } from '../../api/src/search/ranking/query-plan.ts';
import { rankedSearch, type RankedResult } from '../../api/src/search/ranking/ranked-search.ts';
import { buildFilter, quote } from '../../api/src/search/search-filters.ts';
import type { SearchDocumentHit, SearchIndex } from '../../api/src/search/search-index.ts';
import { HIT_PARAMS, toHit } from '../../api/src/search/presenters.ts';
import { legacyRankedSearch } from './legacy-ranked-search.ts';

// What the `search` resolver passes to rankedSearch (search-resolvers.ts).
const apiSearchParams = ({ filter, offset, limit }: { filter: string[]; offset: number; limit: number }) => ({
  filter, facets: [...SEARCH_FACETS], offset, limit, sort: undefined as string[] | undefined, ...HIT_PARAMS, showRankingScore: true as boolean | undefined,
});

const COMMAND = 'npx tsx scripts/bench/meili-probe.ts';
const { values: cli } = parseCommandLine({
  command: COMMAND,
  usage: `用法：${COMMAND} [--items 10000] [--requests 1000] [--tasks 40] [--part clients,work,tasks,cost,same] [--rounds 2] [--variants 名称,…] [--poll-ms 2]`,
  options: { items: { type: 'string', default: '10000' }, requests: { type: 'string', default: '1000' }, tasks: { type: 'string', default: '40' }, part: { type: 'string', default: 'clients,work,tasks' }, rounds: { type: 'string', default: '2' }, variants: { type: 'string' }, 'poll-ms': { type: 'string', default: '2' } },
});
const num = (name: 'items' | 'requests' | 'tasks' | 'poll-ms') => {
  const n = Number(cli[name]);
  if (!Number.isInteger(n) || n < 1) usageError(COMMAND, `--${name} 必须是正整数（实际为 ${cli[name]}）`);
  return n;
};
const ITEMS = num('items');
const REQUESTS = num('requests');
const TASKS = num('tasks');
// How often a one-document task is polled (its own polling competes with the indexing for the CPU).
const POLL_MS = num('poll-ms');
const PARTS = new Set(cli.part!.split(','));
const ROUNDS = Array.from({ length: Number(cli.rounds) }, (_, i) => i + 1);
const log = (line: string) => process.stderr.write(`${line}\n`);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');

function document(n: number): SearchDocument {
  const g = generatedItem(n);
  const id = `gen${String(n).padStart(21, '0')}`;
  return {
    id: `policy_item-${id}-zh-Hans`, type: 'policy_item', documentId: id, locale: 'zh-Hans', title: g.title, summary: g.summary, shortAnswer: null,
    body: [g.eligibility, g.support_standard, g.required_materials, g.procedure].map(markdownToText).join('\n'),
    keywords: g.keywords.split(', '), itemCode: g.item_code, departmentCode: g.department, departmentName: g.department, departmentShortName: null, departmentPhone: null,
    coDepartmentCodes: [], policyDocumentId: null, policyTitle: null, docNumber: null, docNumberNormalized: null, ownDocNumber: null, docNumberTokens: [],
    validity: 'valid', issueDate: null, effectiveFrom: null, effectiveUntil: null, applicationStart: null, applicationEnd: null, issueDateTs: null, effectiveUntilTs: null,
    applicationStartTs: null, applicationEndTs: null, maxAmount: g.max_amount, subjects: ['industrial'], subjectLabels: ['工业'], topics: ['transformation_upgrading'],
    topicLabels: ['转型升级'], industries: null, contact: null, relatedItemDocumentIds: [], relatedItemCodes: [], sections: {}, conditions: [], publishedAtTs: 0, updatedAtTs: 0, contentHash: String(n),
  } as unknown as SearchDocument;
}

const TERMS = ['技术改造', '技改', '数字化改造', '专精特新', '高新技术企业', '高企', '小微企业升规', '小升规', '首台套', '研发机构', '绿色工厂', '稳岗返还', '招工补贴', '以工代训', '高校毕业生', '人才安居', '贷款贴息', '融资担保', '企业上市', '专利授权', '标准制定', '安全生产', '清洁生产', '设备投资补助', '招不到人有什么补贴', '上市奖励多少', '专利资助', '研发费用', '数字化车间', '智能工厂'];
// The bench's query mix (scripts/bench/bench-search.ts): 240 (query, filter) pairs.
const DEPTS = ['economy-commerce', 'finance', 'human-resources', 'tax', 'market-regulation', 'development-reform', 'organization', 'emergency'];
const MIX = Array.from({ length: 240 }, (_, i) => {
  const variant = Math.floor(i / TERMS.length) % 4;
  const filter = variant === 1 ? { types: ['policy_item'] } : variant === 2 ? { departments: [DEPTS[i % DEPTS.length]] } : variant === 3 ? { types: ['policy_item'], minAmount: 20 } : {};
  return { q: TERMS[i % TERMS.length]!, filter };
});
const KEYSTROKES = TERMS.flatMap((t) => Array.from({ length: t.length }, (_, i) => t.slice(0, i + 1)));

async function measure<T>(tasks: T[], concurrency: number, run: (t: T) => Promise<unknown>) {
  const lat: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < tasks.length) {
      const t = tasks[next++]!;
      const s = performance.now();
      await run(t);
      lat.push(performance.now() - s);
    }
  }));
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  lat.sort((a, b) => a - b);
  return { p50: +pct(lat, 50).toFixed(2), p99: +pct(lat, 99).toFixed(2), qps: Math.round(tasks.length / (wall / 1000)), clientCpuUsPerReq: Math.round((used.user + used.system) / tasks.length) };
}

const meili = await startMeili('probe');
try {
  log(`load ${load()}; indexing ${ITEMS} documents…`);
  const admin = new Meilisearch({ host: meili.host, apiKey: meili.masterKey, timeout: 600_000, requestInit: { headers: { 'accept-encoding': 'identity' } } });
  await admin.createIndex('probe', { primaryKey: 'id' }).waitTask();
  await admin.index('probe').updateSettings(SEARCH_INDEX_SETTINGS as unknown as Settings).waitTask();
  for (let i = 1; i <= ITEMS; i += 2000) {
    await admin.index('probe').addDocuments(Array.from({ length: Math.min(2000, ITEMS - i + 1) }, (_, k) => document(i + k))).waitTask({ timeout: 600_000 });
  }
  const index = admin.index('probe');
  const searchParams: SearchParams = {
    facets: [...SEARCH_FACETS], limit: 10, offset: 0,
    attributesToRetrieve: ['id', 'documentId', 'type', 'locale', 'title', 'summary', 'shortAnswer', 'body', 'itemCode', 'departmentCode', 'departmentName', 'validity', 'maxAmount'],
    attributesToHighlight: ['title', 'summary', 'shortAnswer', 'body'], attributesToCrop: ['summary', 'body', 'shortAnswer'], cropLength: 40, showRankingScore: true, ...HIGHLIGHT_PARAMS,
  };
  const prefixParams: SearchParams = {
    filter: ['locale = "zh-Hans"', 'validity = "valid"', 'type IN ["policy_item", "hotline_answer", "policy"]'],
    attributesToSearchOn: ['title', 'itemCode', 'keywords', 'shortAnswer', 'docNumberNormalized', 'docNumber'],
    attributesToRetrieve: ['id', 'documentId', 'type', 'title', 'shortAnswer', 'departmentName'], attributesToHighlight: ['title'], limit: 6, ...HIGHLIGHT_PARAMS,
  };
  const queries = Array.from({ length: REQUESTS }, (_, i) => TERMS[i % TERMS.length]!);
  const prefixes = Array.from({ length: REQUESTS }, (_, i) => KEYSTROKES[i % KEYSTROKES.length]!);
  const results: Record<string, unknown> = {};

  if (PARTS.has('clients')) {
    const http = meiliHttpClient({ keepAlive: true });
    const clients: Record<string, Meilisearch> = {
      fetch_close: new Meilisearch({ host: meili.host, apiKey: meili.masterKey, timeout: 10_000, requestInit: MEILI_REQUEST_INIT }),
      fetch_keepalive: new Meilisearch({ host: meili.host, apiKey: meili.masterKey, timeout: 10_000, requestInit: { headers: { 'accept-encoding': 'identity' } } }),
      node_http_close: new Meilisearch({ host: meili.host, apiKey: meili.masterKey, timeout: 10_000, requestInit: MEILI_REQUEST_INIT, httpClient: meiliHttpClient() }),
      node_http_keepalive: new Meilisearch({ host: meili.host, apiKey: meili.masterKey, timeout: 10_000, requestInit: { headers: { 'accept-encoding': 'identity' } }, httpClient: http }),
    };
    for (const round of ROUNDS) {
      for (const [name, c] of Object.entries(clients)) {
        const idx = c.index('probe');
        for (const [what, list, params] of [['search', queries, searchParams], ['suggest', prefixes, prefixParams]] as const) {
          for (const conc of [1, 8]) {
            const r = await measure(list, conc, (q) => idx.search(q, params));
            results[`r${round}_${name}_${what}_c${conc}`] = r;
            log(`round ${round} ${name.padEnd(20)} ${what.padEnd(7)} c${conc}: ${JSON.stringify(r)} (load ${load()})`);
          }
        }
      }
    }
    http.close();
  }

  if (PARTS.has('fields')) {
    // Does Meilisearch crop and highlight an attribute it is not asked to return (`_formatted.body`
    // without `body` in attributesToRetrieve)? If it did, a hit's full text need not travel.
    const res = await index.search('技术改造', { ...searchParams, attributesToRetrieve: (searchParams.attributesToRetrieve ?? []).filter((f) => f !== 'body' && f !== 'summary') });
    const hit = res.hits[0] as Record<string, unknown> & { _formatted?: Record<string, unknown> };
    results.fields = { body_returned: 'body' in hit, formatted_keys: Object.keys(hit._formatted ?? {}), formatted_body: typeof hit._formatted?.body === 'string' ? String(hit._formatted.body).slice(0, 80) : null };
    log(`fields: ${JSON.stringify(results.fields)}`);
  }

  if (PARTS.has('work')) {
    const http = meiliHttpClient();
    const c = new Meilisearch({ host: meili.host, apiKey: meili.masterKey, timeout: 10_000, requestInit: { headers: { 'accept-encoding': 'identity' } }, httpClient: http });
    const legs = (q: string, facetsOnAll: boolean) => {
      const plan = planQuery(q);
      const texts = [plan.original, ...(plan.rewritten ? [plan.rewritten] : [])];
      const base = { ...searchParams, offset: 0, limit: 20 };
      const all = [...texts.map((t) => ({ ...base, q: t })), { ...base, q: texts.at(-1)!, matchingStrategy: 'frequency' as const }];
      return all.map((r, i) => ({ indexUid: 'probe', ...r, ...(facetsOnAll || i === 0 ? {} : { facets: undefined }) }));
    };
    const variants: Record<string, (q: string) => Promise<unknown>> = {
      one_search_limit10: (q) => c.index('probe').search(q, searchParams),
      multi_facets_on_every_leg: (q) => c.multiSearch({ queries: legs(q, true) }),
      multi_facets_on_first_leg: (q) => c.multiSearch({ queries: legs(q, false) }),
    };
    for (const round of ROUNDS) {
      for (const [name, run] of Object.entries(variants)) {
        for (const conc of [1, 8]) {
          const r = await measure(queries, conc, run);
          results[`r${round}_work_${name}_c${conc}`] = r;
          log(`round ${round} work ${name.padEnd(26)} c${conc}: ${JSON.stringify(r)} (load ${load()})`);
        }
      }
    }
    http.close();
  }

  if (PARTS.has('cost')) {
    // What each part of a search costs Meilisearch, load-independently: its own processingTimeMs
    // (summed over the responses one api search needs) and its process CPU (utime+stime from
    // /proc), per api search, sequentially (concurrency 1) over the bench's 240 (query, filter) pairs.
    const pid = meili.server.process.pid!;
    const ticks = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return Number(f[11]) + Number(f[12]); };
    const c = new Meilisearch({ host: meili.host, apiKey: meili.masterKey, timeout: 10_000, requestInit: MEILI_REQUEST_INIT, httpClient: meiliHttpClient() });
    let spent = { ms: 0, requests: 0, queries: 0 };
    const counted = <T extends { processingTimeMs: number }>(rs: T[]) => { spent.requests++; spent.queries += rs.length; for (const r of rs) spent.ms += r.processingTimeMs; return rs; };
    // The api's SearchIndex over this index, counting what it asks (so `api_as_built` is whatever ranked-search.ts sends now).
    const searchIndex: SearchIndex = {
      search: async (q, params) => counted([(await c.index('probe').search(q, params)) as SearchResponse<SearchDocumentHit>])[0]!,
      multiSearch: async (queries) => counted((await c.multiSearch({ queries: queries.map((q) => ({ indexUid: 'probe', ...q })) })).results as unknown as Array<SearchResponse<SearchDocumentHit>>),
      check: async () => ({ ok: true }),
    };
    const LIGHT = ['id', 'type', 'validity'];
    const NO_HIGHLIGHT = { attributesToHighlight: undefined, attributesToCrop: undefined, cropLength: undefined };
    const unformatted: SearchIndex = {
      search: (q, params) => searchIndex.search(q, { ...params, ...NO_HIGHLIGHT }),
      multiSearch: (queries) => searchIndex.multiSearch(queries.map((l) => ({ ...l, ...NO_HIGHLIGHT }))),
      check: async () => ({ ok: true }),
    };
    type Leg = { q: string } & SearchParams;
    // The legs ranked-search.ts sent before this change, as it sent them.
    const legacyLegs = (q: string, filter: string[]): Leg[] => {
      const plan = planQuery(q);
      const texts = [plan.original, ...(plan.rewritten ? [plan.rewritten] : [])];
      const base = { ...apiSearchParams({ filter, offset: 0, limit: 10 }), offset: 0, limit: 20 };
      return [...texts.map((t) => ({ ...base, q: t })), { ...base, q: texts.at(-1)!, matchingStrategy: 'frequency' as const }].map((r, i) => (i === 0 ? r : { ...r, facets: undefined }));
    };
    const multi = (legs: Leg[]) => searchIndex.multiSearch(legs);
    const variants: Record<string, (q: string, filter: string[]) => Promise<unknown>> = {
      bench_single_limit10: (q, filter) => searchIndex.search(q, { ...apiSearchParams({ filter, offset: 0, limit: 10 }), showRankingScore: undefined }),
      single_limit10_id_only_no_highlight: (q, filter) => searchIndex.search(q, { ...apiSearchParams({ filter, offset: 0, limit: 10 }), ...NO_HIGHLIGHT, attributesToRetrieve: ['id'], showRankingScore: undefined }),
      single_limit10_no_facets: (q, filter) => searchIndex.search(q, { ...apiSearchParams({ filter, offset: 0, limit: 10 }), facets: undefined, showRankingScore: undefined }),
      single_limit0_facets_only: (q, filter) => searchIndex.search(q, { filter, facets: apiSearchParams({ filter, offset: 0, limit: 10 }).facets, limit: 0 }),
      legacy_multi: (q, f) => multi(legacyLegs(q, f)),
      legacy_ranked_search: (q, filter) => legacyRankedSearch(searchIndex, planQuery(q), apiSearchParams({ filter, offset: 0, limit: 10 })),
      legacy_multi_limit10: (q, f) => multi(legacyLegs(q, f).map((l) => ({ ...l, limit: 10 }))),
      legacy_multi_no_score: (q, f) => multi(legacyLegs(q, f).map((l) => ({ ...l, showRankingScore: undefined }))),
      legacy_multi_no_facets: (q, f) => multi(legacyLegs(q, f).map((l) => ({ ...l, facets: undefined }))),
      legacy_multi_no_highlight: (q, f) => multi(legacyLegs(q, f).map((l) => ({ ...l, ...NO_HIGHLIGHT }))),
      legacy_multi_later_legs_light: (q, f) => multi(legacyLegs(q, f).map((l, i) => (i === 0 ? l : { ...l, ...NO_HIGHLIGHT, attributesToRetrieve: LIGHT }))),
      legacy_multi_all_legs_light: (q, f) => multi(legacyLegs(q, f).map((l) => ({ ...l, ...NO_HIGHLIGHT, attributesToRetrieve: LIGHT }))),
      legacy_multi_all_legs_id_only: (q, f) => multi(legacyLegs(q, f).map((l) => ({ ...l, ...NO_HIGHLIGHT, attributesToRetrieve: ['id'] }))),
      legacy_multi_first_leg_only: (q, f) => multi(legacyLegs(q, f).slice(0, 1)),
      api_as_built: (q, filter) => rankedSearch(searchIndex, planQuery(q), apiSearchParams({ filter, offset: 0, limit: 10 })),
      // The same legs without highlighting and cropping: what they cost before any hit is formatted.
      api_as_built_unformatted: (q, filter) => rankedSearch(unformatted, planQuery(q), apiSearchParams({ filter, offset: 0, limit: 10 })),
      // A two-phase design, measured rather than estimated: the unformatted legs, then one more request
      // that formats only the page's 10 hits (the query as typed, filtered to their ids).
      two_phase: async (q, filter) => {
        const page = await rankedSearch(unformatted, planQuery(q), apiSearchParams({ filter, offset: 0, limit: 10 }));
        const ids = page.hits.map((h) => h.id);
        if (ids.length) await searchIndex.search(q, { ...apiSearchParams({ filter: [...filter, `id IN [${ids.map(quote).join(', ')}]`], offset: 0, limit: ids.length }), facets: undefined, showRankingScore: undefined });
      },
    };
    const only = cli.variants ? new Set(cli.variants.split(',')) : undefined;
    for (const round of ROUNDS) {
      for (const [name, run] of Object.entries(variants).filter(([n]) => !only || only.has(n))) {
        spent = { ms: 0, requests: 0, queries: 0 };
        const cpu0 = ticks();
        const r = await measure(MIX, 1, ({ q, filter }) => run(q, buildFilter(filter as never, 'zh-Hans')));
        const cpuMs = (ticks() - cpu0) * 10;
        const n = MIX.length;
        const fig = { meili_processing_ms_per_search: +(spent.ms / n).toFixed(2), meili_cpu_ms_per_search: +(cpuMs / n).toFixed(2), requests_per_search: +(spent.requests / n).toFixed(2), queries_per_search: +(spent.queries / n).toFixed(2), c1_p50_ms: r.p50 };
        results[`r${round}_cost_${name}`] = fig;
        log(`round ${round} cost ${name.padEnd(38)} ${JSON.stringify(fig)} (load ${load()})`);
      }
    }
  }

  if (PARTS.has('same')) {
    // The api's ranked search as built against the same search always sending its frequency leg (an
    // index that drops `showRankingScoreDetails`, so frequencyLegIsRedundant never holds), on the same
    // index: the same hits in the same order, field for field (highlights and crops included), the same
    // facets; for the search resolver's parameters on two pages and for the answer cards'. It checks
    // that leaving the frequency leg out never changes what a client sees.
    const c = new Meilisearch({ host: meili.host, apiKey: meili.masterKey, timeout: 10_000, requestInit: MEILI_REQUEST_INIT, httpClient: meiliHttpClient() });
    const indexOf = (strip: boolean): SearchIndex => {
      const drop = <T extends SearchParams>(p: T): T => (strip ? { ...p, showRankingScoreDetails: undefined } : p);
      return {
        search: async (q, params) => (await c.index('probe').search(q, drop(params))) as SearchResponse<SearchDocumentHit>,
        multiSearch: async (queries) => (await c.multiSearch({ queries: queries.map((q) => ({ indexUid: 'probe', ...drop(q) })) })).results as unknown as Array<SearchResponse<SearchDocumentHit>>,
        check: async () => ({ ok: true }),
      };
    };
    const searchIndex = indexOf(false);
    const alwaysBothLegs = indexOf(true);
    const canonical = (v: unknown): unknown => (Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canonical(x)])) : v);
    // Totals are counted apart (they are estimates: within the window, what paging reaches).
    const shown = (r: RankedResult) => JSON.stringify(canonical({ hits: r.hits, shown: r.hits.map(toHit), facets: r.facetDistribution }));
    const questions = ['公司想上市政府给多少钱', '招不到人有什么补贴', '技改项目怎么申请', '高新技术企业认定奖励多少', '数字化改造 补助', '研发费用加计扣除', '专利', '人才'];
    const cases = [...MIX, ...questions.map((q) => ({ q, filter: {} })), ...questions.map((q) => ({ q, filter: { types: ['policy_item'] } }))];
    let compared = 0;
    const differing: string[] = [];
    const totals: string[] = [];
    for (const { q, filter } of cases) {
      const f = buildFilter(filter as never, 'zh-Hans');
      const plan = planQuery(q);
      for (const params of [apiSearchParams({ filter: f, offset: 0, limit: 10 }), apiSearchParams({ filter: f, offset: 10, limit: 10 }), apiSearchParams({ filter: f, offset: 5, limit: 3 }), { filter: f, offset: 0, limit: 3, showRankingScore: true }]) {
        const [before, after] = await Promise.all([rankedSearch(alwaysBothLegs, plan, params), rankedSearch(searchIndex, plan, params)]);
        compared++;
        if (shown(before) !== shown(after)) differing.push(`${q} ${JSON.stringify(filter)} offset ${params.offset ?? 0} limit ${params.limit}`);
        if (before.totalHits !== after.totalHits) totals.push(`${q} ${JSON.stringify(filter)} offset ${params.offset ?? 0}: ${before.totalHits} → ${after.totalHits}`);
      }
    }
    results.same = { compared, differing: differing.length, first: differing.slice(0, 5), totals_differing: totals.length, first_totals: totals.slice(0, 5) };
    log(`same results: ${compared} searches compared, ${differing.length} differ ${differing.slice(0, 5).join(' | ')}; totals differ in ${totals.length} ${totals.slice(0, 5).join(' | ')}`);
  }

  if (PARTS.has('tasks')) {
    const spans = { total: [] as number[], queued: [] as number[], processing: [] as number[], ours: [] as number[] };
    // Meilisearch's own account of each batch (GET /batches/:uid, stats.progressTrace: step → duration).
    const traces: Array<{ processing: number; trace: Record<string, string> }> = [];
    for (let i = 0; i < TASKS; i++) {
      const doc = document(ITEMS + 1 + i);
      const t = performance.now();
      const task = await index.addDocuments([doc]).waitTask({ interval: POLL_MS, timeout: 60_000 });
      const total = performance.now() - t;
      const ms = (s: string | null | undefined) => (s ? Date.parse(s) : NaN);
      spans.total.push(total);
      spans.queued.push(ms(task.startedAt) - ms(task.enqueuedAt));
      spans.processing.push(ms(task.finishedAt) - ms(task.startedAt));
      spans.ours.push(total - (ms(task.finishedAt) - ms(task.enqueuedAt)));
      if (task.batchUid !== null && task.batchUid !== undefined) {
        const batch = (await admin.batches.getBatch(task.batchUid)) as unknown as { stats?: { progressTrace?: Record<string, string> } };
        traces.push({ processing: ms(task.finishedAt) - ms(task.startedAt), trace: batch.stats?.progressTrace ?? {} });
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const fig = (l: number[]) => { const s = [...l].sort((a, b) => a - b); return { p50: Math.round(pct(s, 50)), p99: Math.round(pct(s, 99)), max: Math.round(s.at(-1)!) }; };
    results.one_document_task_ms = Object.fromEntries(Object.entries(spans).map(([k, v]) => [k, fig(v)]));
    log(`one-document tasks on ${ITEMS} documents (ms): ${JSON.stringify(results.one_document_task_ms)} (load ${load()})`);
    // The steps of the slowest and of a median batch, as Meilisearch timed them.
    const byTime = [...traces].sort((a, b) => b.processing - a.processing);
    const toMs = (d: string) => parseFloat(d) * (d.endsWith('ms') ? 1 : d.endsWith('µs') ? 1e-3 : d.endsWith('ns') ? 1e-6 : 1000);
    // The leaf steps that took longest (a step's parents repeat its time, so only leaves are listed).
    const steps = (t: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(t)
          .filter(([k]) => !Object.keys(t).some((other) => other !== k && other.startsWith(`${k} > `)))
          .map(([k, d]) => [k.replace(/^processing tasks > /, ''), Math.round(toMs(d) * 10) / 10] as const)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 6),
      );
    for (const t of byTime.slice(0, 3)) log(`  slow batch ${t.processing} ms: ${JSON.stringify(steps(t.trace))}`);
    const median = byTime[Math.floor(byTime.length / 2)];
    if (median) log(`  median batch ${median.processing} ms: ${JSON.stringify(steps(median.trace))}`);
    results.slowest_batch_trace = byTime[0]?.trace;
  }
  console.log(JSON.stringify({ items: ITEMS, requests: REQUESTS, load_end: load(), ...results }));
} finally {
  await meili.destroy();
}
process.exit(0);
