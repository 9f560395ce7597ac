// `npm run eval:relevance`: the dev relevance set (relevance/queries.json, judged by hand against the
// demo content) run against the tuned Chinese policy profile and against Meilisearch's default
// settings on the same documents. Prints nDCG@10, recall@10 and the zero-result rate for both.
// Boots the real CMS with the demo content on a temporary SQLite file and a temporary Meilisearch.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { normalizeSearchQuery, type SearchDocument } from '@zone/schemas';
import { parseCommandLine } from '@zone/schemas/cli';
import { startCms } from '../../test/helpers/cms.ts';
import { startMeili } from '../../test/helpers/meili.ts';
import { startSync } from '../../test/helpers/sync.ts';

const { values: cli } = parseCommandLine({
  command: 'npm run eval:relevance',
  usage: '用法：npm run eval:relevance -- [--verbose]   人工标注查询集上的 nDCG@10、recall@10 和零结果率；--verbose 列出每个查询的前 10 条',
  options: { verbose: { type: 'boolean', default: false } },
});

interface Judged { q: string; kind: string; relevant: Record<string, number> }
const require = createRequire(import.meta.url);
const set = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'relevance', 'queries.json'), 'utf8')) as { queries: Judged[] };

function keyOf(d: SearchDocument): string {
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

interface Metrics { ndcg: number; recall: number; zero: number }
function summarize(rows: Array<{ ndcg: number; recall: number; hits: number }>): Metrics {
  const n = rows.length || 1;
  return { ndcg: rows.reduce((s, r) => s + r.ndcg, 0) / n, recall: rows.reduce((s, r) => s + r.recall, 0) / n, zero: rows.filter((r) => r.hits === 0).length / n };
}

const { compileStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
await compileStrapi({ appDir: path.resolve(import.meta.dirname, '..', '..', 'cms') });
const meili = await startMeili('eval');
const cms = await startCms('sqlite', 'eval', { seedDemo: true });
try {
  const sync = await startSync(cms, meili, 'eval');
  await sync.until('demo content indexed', async () => (await sync.runtime.outbox.pendingCount()) === 0, 120_000);
  const tuned = sync.search.index<SearchDocument>(sync.runtime.index.uid);

  // Baseline: the same zh-Hans documents in an index with Meilisearch's default settings.
  const admin = sync.runtime.index.meili;
  const baselineUid = `${sync.prefix}baseline`;
  const all = await admin.client.index<SearchDocument>(sync.runtime.index.uid).getDocuments({ limit: 10_000, filter: 'locale = "zh-Hans"' });
  await admin.waitSucceeded(admin.client.createIndex(baselineUid, { primaryKey: 'id' }));
  await admin.waitSucceeded(admin.client.index(baselineUid).addDocuments(all.results));
  const baseline = admin.client.index<SearchDocument>(baselineUid);

  const rowsTuned: Array<{ kind: string; ndcg: number; recall: number; hits: number }> = [];
  const rowsBase: typeof rowsTuned = [];
  const lines: string[] = [];
  for (const j of set.queries) {
    const t = await tuned.search(normalizeSearchQuery(j.q), { filter: 'locale = "zh-Hans"', limit: 10 });
    const b = await baseline.search(j.q, { limit: 10 });
    const rt = t.hits.map((h) => keyOf(h as SearchDocument));
    const rb = b.hits.map((h) => keyOf(h as SearchDocument));
    rowsTuned.push({ kind: j.kind, ndcg: ndcgAt10(rt, j.relevant), recall: recallAt10(rt, j.relevant), hits: t.hits.length });
    rowsBase.push({ kind: j.kind, ndcg: ndcgAt10(rb, j.relevant), recall: recallAt10(rb, j.relevant), hits: b.hits.length });
    if (cli.verbose) lines.push(`  tuned:   ${rt.join(' | ')}\n  default: ${rb.join(' | ')}`);
    lines.push(`${j.q.padEnd(22, '　')} ${j.kind.padEnd(12)} tuned nDCG ${rowsTuned.at(-1)!.ndcg.toFixed(2)} recall ${rowsTuned.at(-1)!.recall.toFixed(2)} | default nDCG ${rowsBase.at(-1)!.ndcg.toFixed(2)} recall ${rowsBase.at(-1)!.recall.toFixed(2)}`);
  }
  console.log(lines.join('\n'));
  const kinds = [...new Set(set.queries.map((q) => q.kind))];
  console.log('\nby kind (tuned nDCG@10 / default nDCG@10):');
  for (const k of kinds) {
    const a = summarize(rowsTuned.filter((r) => r.kind === k));
    const b = summarize(rowsBase.filter((r) => r.kind === k));
    console.log(`  ${k.padEnd(14)} ${a.ndcg.toFixed(3)} / ${b.ndcg.toFixed(3)}  (${rowsTuned.filter((r) => r.kind === k).length} queries)`);
  }
  const t = summarize(rowsTuned);
  const b = summarize(rowsBase);
  console.log(`\n${set.queries.length} queries over the demo content`);
  console.log(`baseline (Meilisearch defaults): nDCG@10 ${b.ndcg.toFixed(3)}  recall@10 ${b.recall.toFixed(3)}  zero-result rate ${b.zero.toFixed(3)}`);
  console.log(`tuned (Chinese policy profile):  nDCG@10 ${t.ndcg.toFixed(3)}  recall@10 ${t.recall.toFixed(3)}  zero-result rate ${t.zero.toFixed(3)}`);
  console.log(JSON.stringify({ queries: set.queries.length, ndcg_at_10: +t.ndcg.toFixed(4), recall_at_10: +t.recall.toFixed(4), zero_result_rate: +t.zero.toFixed(4), baseline_ndcg_at_10: +b.ndcg.toFixed(4), baseline_recall_at_10: +b.recall.toFixed(4), baseline_zero_result_rate: +b.zero.toFixed(4) }));
  await sync.stop();
} finally {
  await cms.stop();
  await meili.destroy();
}
process.exit(0);
