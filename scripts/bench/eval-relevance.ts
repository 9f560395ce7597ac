// `npm run eval:relevance [-- --set unseen|demo] [--half dev|test|all] [--runs N] [--verbose]`
// Relevance of the api's own `search` (the GraphQL resolver, over HTTP) against a relevance set, and
// of Meilisearch's default settings on the same documents. Prints nDCG@10, recall@10 and the
// zero-result rate (each the median of N runs) and the worst queries.
//   --set unseen (default): relevance/unseen — public policy items from Zhejiang and national sources,
//     imported as a department would (policies entered, items through the import module), queries
//     judged from the items alone and split once into dev/test halves. Tune on dev, report test.
//   --set demo: relevance/queries.json over the demo content (the content the dictionary was written for).
// Boots the real CMS on a temporary SQLite file, search-sync, a temporary Meilisearch and the api.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SearchDocument } from '@zone/schemas';
import { parseCommandLine, usageError } from '@zone/schemas/cli';
import type { CmsUnderTest } from '@zone/harness/testing';

const COMMAND = 'npm run eval:relevance';
const { values: opts } = parseCommandLine({
  command: COMMAND,
  usage:
    '用法：npm run eval:relevance -- [--set unseen|demo] [--half dev|test|all] [--runs N] [--worst N] [--verbose]   api 自身的 search 在人工标注查询集上的 nDCG@10、recall@10 和零结果率（与 Meilisearch 默认设置对比）',
  options: {
    set: { type: 'string', default: 'unseen' },
    half: { type: 'string', default: 'test' },
    runs: { type: 'string', default: '3' },
    verbose: { type: 'boolean', default: false },
    worst: { type: 'string', default: '5' },
  },
});
if (opts.set !== 'unseen' && opts.set !== 'demo') usageError(COMMAND, `--set 只能是 unseen 或 demo（收到 ${opts.set}）`);
if (!['dev', 'test', 'all'].includes(opts.half)) usageError(COMMAND, `--half 只能是 dev、test 或 all（收到 ${opts.half}）`);
const runs = Number(opts.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 9) usageError(COMMAND, `--runs 须为 1 到 9 的整数（收到 ${opts.runs}）`);
// The CMS's import module and the harness (Strapi, search-sync, the api) load only once the options
// are known to be valid, so a mistyped option is refused at once.
const { importPolicyItems, readRows } = await import('../../cms/src/import/index.ts');
const { compileCms, startCms, startMeili, startSearchApi, startSync } = await import('@zone/harness/testing');

interface Judged { q: string; kind: string; relevant: Record<string, number>; half?: 'dev' | 'test' }
const RELEVANCE_DIR = path.join(import.meta.dirname, '..', '..', 'search-sync', 'relevance');
const UNSEEN_DIR = path.join(RELEVANCE_DIR, 'unseen');
const setFile = opts.set === 'unseen' ? path.join(UNSEEN_DIR, 'queries.json') : path.join(RELEVANCE_DIR, 'queries.json');
const allQueries = (JSON.parse(readFileSync(setFile, 'utf8')) as { queries: Judged[] }).queries;
// The demo set has no halves: all of it is the (tuned-on) dev set.
const queries = opts.set === 'demo' || opts.half === 'all' ? allQueries : allQueries.filter((q) => q.half === opts.half);

function keyOf(d: Pick<SearchDocument, 'type' | 'itemCode' | 'docNumber' | 'title'>): string {
  if (d.type === 'policy_item') return `policy_item:${d.itemCode}`;
  if (d.type === 'policy') return `policy:${d.docNumber ?? d.title}`;
  return `${d.type}:${d.title}`;
}

function ndcgAt10(ranked: string[], relevant: Record<string, number>): number {
  const gain = (g: number) => 2 ** g - 1;
  const dcg = ranked.slice(0, 10).reduce((s, k, i) => s + gain(relevant[k] ?? 0) / Math.log2(i + 2), 0);
  const ideal = Object.values(relevant).sort((a, b) => b - a).slice(0, 10).reduce((s, g, i) => s + gain(g) / Math.log2(i + 2), 0);
  return ideal ? dcg / ideal : 0;
}

function recallAt10(ranked: string[], relevant: Record<string, number>): number {
  const top = new Set(ranked.slice(0, 10));
  const keys = Object.keys(relevant);
  return keys.filter((k) => top.has(k)).length / keys.length;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

// ------------------------------------------------------------------ the unseen set, entered as a department would

function tsv(file: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const cols = header!.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i]!, v])));
}

async function loadUnseen(cms: CmsUnderTest): Promise<void> {
  const strapi = cms.strapi;
  const deptId = async (code: string) => {
    const row = (await strapi.db.query('api::department.department').findOne({ where: { code }, select: ['documentId'] })) as { documentId: string } | null;
    if (!row) throw new Error(`unknown department ${code}`);
    return row.documentId;
  };
  const policies = tsv(path.join(UNSEEN_DIR, 'policies.tsv'));
  const refOf = new Map<string, { ref: string; byTitle: boolean; department: string }>();
  for (const p of policies) {
    await strapi.documents('api::policy.policy').create({
      locale: 'zh-Hans',
      status: 'published',
      data: {
        title: p.title,
        docNumber: p.docNumber || null,
        department: await deptId(p.department!),
        issueDate: p.issueDate || null,
        effectiveUntil: p.effectiveUntil || null,
        validity: p.validity || 'valid',
        sourceUrl: p.url,
      } as never,
    });
    refOf.set(p.key!, { ref: p.docNumber || p.title!, byTitle: !p.docNumber, department: p.department! });
  }
  // The import finds a policy by 文号, or by title among the item's own department's policies; an item
  // of another department under a policy without 文号 is entered without its policy (as a specialist must).
  const items = tsv(path.join(UNSEEN_DIR, 'items.tsv')).map((i) => ({
    itemCode: i.code,
    title: i.title,
    department: i.department,
    ...(() => {
      const p = refOf.get(i.policy!)!;
      return p.byTitle && p.department !== i.department ? {} : { policy: p.ref };
    })(),
    summary: i.summary,
    ...(i.maxAmount ? { maxAmount: Number(i.maxAmount) } : {}),
    ...(i.effectiveUntil ? { effectiveUntil: i.effectiveUntil } : {}),
  }));
  const summary = await importPolicyItems(strapi, await readRows(Buffer.from(JSON.stringify(items)), 'json'), { publish: true });
  if (summary.rejected) throw new Error(`import rejected ${summary.rejected} rows: ${JSON.stringify(summary.issues.slice(0, 5))}`);
  console.error(`unseen set entered: ${policies.length} policies, ${summary.created} items`);
}

// ------------------------------------------------------------------ run

const SEARCH = /* GraphQL */ `
  query Eval($q: String!) {
    search(query: $q, first: 10, filter: { includeExpired: true }) { totalCount edges { node { type itemCode docNumber title } } }
  }
`;

const ANSWERS = /* GraphQL */ `
  query EvalAnswers($q: String!) {
    answerSet(query: $q, limit: 3) { state confidence threshold cards { type title confidence badgeItem { itemCode } } }
  }
`;

interface Row { q: string; kind: string; ndcg: number; recall: number; hits: number; ranked: string[] }
await compileCms();
const meili = await startMeili('eval');
const cms = await startCms('sqlite', 'eval', { seedDemo: opts.set === 'demo' });
try {
  if (opts.set === 'unseen') await loadUnseen(cms);
  const sync = await startSync(cms, meili, 'eval');
  await sync.until('the content is indexed', async () => (await sync.runtime.outbox.pendingCount()) === 0, 300_000);
  // Relevance, not latency, is measured here: a loaded machine must not turn a slow answer into an error.
  const api = await startSearchApi({ host: meili.host, searchKey: sync.runtime.searchKey, prefix: sync.prefix, env: { MEILI_TIMEOUT_MS: '10000' } });

  // Baseline: the same zh-Hans documents in an index with Meilisearch's default settings.
  const admin = sync.runtime.index.meili;
  const baselineUid = `${sync.prefix}baseline`;
  const all = await admin.client.index<SearchDocument>(sync.runtime.index.uid).getDocuments({ limit: 10_000, filter: 'locale = "zh-Hans"' });
  await admin.waitSucceeded(admin.client.createIndex(baselineUid, { primaryKey: 'id' }));
  // Without the fields search-sync derives for the api's profile (the titles' pinyin): the baseline is
  // the entered content under Meilisearch's defaults.
  const entered = all.results.map(({ titlePinyin: _derived, ...doc }) => doc);
  await admin.waitSucceeded(admin.client.index(baselineUid).addDocuments(entered));
  const baseline = admin.client.index<SearchDocument>(baselineUid);

  const runOnce = async () => {
    const tuned: Row[] = [];
    const base: Row[] = [];
    for (const j of queries) {
      const res = await api.gql(SEARCH, { q: j.q });
      if (res.errors) throw new Error(`${j.q}: ${res.errors[0]!.message}`);
      const rt = (res.data.search.edges as Array<{ node: { type: string; itemCode: string; docNumber: string; title: string } }>).map((e) =>
        keyOf({ ...e.node, type: e.node.type.toLowerCase() as SearchDocument['type'] }),
      );
      tuned.push({ q: j.q, kind: j.kind, ndcg: ndcgAt10(rt, j.relevant), recall: recallAt10(rt, j.relevant), hits: res.data.search.totalCount, ranked: rt });
      const b = await baseline.search(j.q, { limit: 10 });
      const rb = b.hits.map((h) => keyOf(h as SearchDocument));
      base.push({ q: j.q, kind: j.kind, ndcg: ndcgAt10(rb, j.relevant), recall: recallAt10(rb, j.relevant), hits: b.estimatedTotalHits ?? b.hits.length, ranked: rb });
    }
    return { tuned, base };
  };
  const summarize = (rows: Row[]) => ({
    ndcg: rows.reduce((s, r) => s + r.ndcg, 0) / (rows.length || 1),
    recall: rows.reduce((s, r) => s + r.recall, 0) / (rows.length || 1),
    zero: rows.filter((r) => r.hits === 0).length / (rows.length || 1),
  });
  const results: Array<{ tuned: Row[]; base: Row[] }> = [];
  for (let i = 0; i < runs; i++) results.push(await runOnce());
  const last = results.at(-1)!;
  for (const [i, j] of queries.entries()) {
    const t = last.tuned[i]!;
    const b = last.base[i]!;
    console.log(`${j.q.padEnd(22, '　')} ${j.kind.padEnd(12)} api nDCG ${t.ndcg.toFixed(2)} recall ${t.recall.toFixed(2)} | default nDCG ${b.ndcg.toFixed(2)} recall ${b.recall.toFixed(2)}`);
    if (opts.verbose) console.log(`  api:     ${t.ranked.join(' | ')}\n  default: ${b.ranked.join(' | ')}\n  judged:  ${Object.entries(j.relevant).map(([k, g]) => `${k}=${g}`).join(' ')}`);
  }
  const kinds = [...new Set(queries.map((q) => q.kind))];
  console.log('\nby kind (api nDCG@10 / default nDCG@10):');
  for (const k of kinds) {
    const a = summarize(last.tuned.filter((r) => r.kind === k));
    const b = summarize(last.base.filter((r) => r.kind === k));
    console.log(`  ${k.padEnd(14)} ${a.ndcg.toFixed(3)} / ${b.ndcg.toFixed(3)}  (${last.tuned.filter((r) => r.kind === k).length} queries)`);
  }
  // The hotline card: is the top card relevant, and does the confidence threshold separate good from bad?
  const cardRows: Array<{ confidence: number; good: boolean; state: string }> = [];
  let threshold = 0;
  for (const j of queries) {
    const res = await api.gql(ANSWERS, { q: j.q });
    if (res.errors) throw new Error(`${j.q}: ${res.errors[0]!.message}`);
    const set = res.data.answerSet as { state: string; confidence: number; threshold: number; cards: Array<{ type: string; title: string; badgeItem: { itemCode: string | null } | null }> };
    threshold = set.threshold;
    const top = set.cards[0];
    const key = top ? (top.type === 'POLICY_ITEM' ? `policy_item:${top.badgeItem?.itemCode}` : `${top.type.toLowerCase()}:${top.title}`) : '';
    cardRows.push({ confidence: set.confidence, good: (j.relevant[key] ?? 0) > 0, state: set.state });
  }
  console.log(`\nhotline answer cards (top card relevant / threshold ${threshold}):`);
  for (const th of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
    const strong = cardRows.filter((r) => r.confidence >= th);
    console.log(`  threshold ${th.toFixed(1)}: ${strong.length} answered, ${strong.filter((r) => r.good).length} of them relevant; ${cardRows.length - strong.length} no good answer, ${cardRows.filter((r) => r.confidence < th && r.good).length} of them had a relevant top card`);
  }
  console.log(`  top card relevant: ${cardRows.filter((r) => r.good).length}/${cardRows.length}; NO_GOOD_ANSWER at the api's threshold: ${cardRows.filter((r) => r.state === 'NO_GOOD_ANSWER').length}`);
  const med = (pick: (r: { tuned: Row[]; base: Row[] }) => Row[], m: 'ndcg' | 'recall' | 'zero') => median(results.map((r) => summarize(pick(r))[m]));
  const t = { ndcg: med((r) => r.tuned, 'ndcg'), recall: med((r) => r.tuned, 'recall'), zero: med((r) => r.tuned, 'zero') };
  const b = { ndcg: med((r) => r.base, 'ndcg'), recall: med((r) => r.base, 'recall'), zero: med((r) => r.base, 'zero') };
  const worst = [...last.tuned].sort((x, y) => x.ndcg - y.ndcg || x.recall - y.recall).slice(0, Number(opts.worst));
  console.log(`\nworst ${worst.length}:`);
  for (const w of worst) console.log(`  ${w.q}  nDCG ${w.ndcg.toFixed(2)} recall ${w.recall.toFixed(2)}  top: ${w.ranked.slice(0, 3).join(' | ') || '(none)'}`);
  console.log(`\n${queries.length} queries, set ${opts.set}, half ${opts.set === 'demo' ? 'all' : opts.half}, median of ${runs} runs`);
  console.log(`baseline (Meilisearch defaults): nDCG@10 ${b.ndcg.toFixed(3)}  recall@10 ${b.recall.toFixed(3)}  zero-result rate ${b.zero.toFixed(3)}`);
  console.log(`api search (the GraphQL resolver): nDCG@10 ${t.ndcg.toFixed(3)}  recall@10 ${t.recall.toFixed(3)}  zero-result rate ${t.zero.toFixed(3)}`);
  console.log(JSON.stringify({ set: opts.set, half: opts.half, queries: queries.length, runs, ndcg_at_10: +t.ndcg.toFixed(4), recall_at_10: +t.recall.toFixed(4), zero_result_rate: +t.zero.toFixed(4), baseline_ndcg_at_10: +b.ndcg.toFixed(4), baseline_recall_at_10: +b.recall.toFixed(4), baseline_zero_result_rate: +b.zero.toFixed(4) }));
  await api.stop();
  await sync.stop();
} finally {
  await cms.stop();
  await meili.destroy();
}
process.exit(0);
