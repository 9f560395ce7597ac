// `npm run bench:sync` (a benchmark, not a timed test). Two measurements on the real CMS (in-process,
// SQLite) and the real Meilisearch 1.21.0:
// 1. publish→searchable: N publishes through the Document Service, each timed from the publish call
//    until a search with the api's search-only key returns the new version (p50, p99, max).
// 2. a full reindex of 100,000 generated items (separate process, build + atomic swap) against raw
//    bulk addition of the very same documents to a fresh index with the same settings.
// The last line is one JSON object.
import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { SearchDocument } from '@zone/schemas';
import { parseCommandLine, usageError } from '@zone/schemas/cli';
import type { Settings } from 'meilisearch';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const COMMAND = 'npm run bench:sync';
const { values: cli } = parseCommandLine({
  command: COMMAND,
  usage: `用法：${COMMAND} -- [--publishes 200] [--items 100000] [--skip-compile]   发布到可搜索的时延，以及全量重建索引对比直接批量写入（最后一行是 JSON）`,
  // --skip-compile: cms/dist is current (the test suite's global setup compiled it); compiling again would race running suites.
  options: { publishes: { type: 'string', default: '200' }, items: { type: 'string', default: '100000' }, 'skip-compile': { type: 'boolean', default: false } },
});
const count = (name: 'publishes' | 'items') => {
  const n = Number(cli[name]);
  if (!Number.isInteger(n) || n < 0) usageError(COMMAND, `--${name} 必须是非负整数（实际为 ${cli[name]}）`);
  return n;
};
const PUBLISHES = count('publishes');
const ITEMS = count('items');
const log = (line: string) => process.stderr.write(`${line}\n`);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
// pino, the schemas and the harness (Strapi, search-sync) load only once the options are known to be
// valid, so a mistyped option is refused at once.
const { pino } = await import('pino');
const { SEARCH_INDEX_SETTINGS } = await import('@zone/schemas');
const { compileCms, freePort, insertGeneratedItems, startCms, startMeili, startSync } = await import('@zone/harness/testing');
const { createSearchIndex } = await import('../../api/src/search/search-index.ts');

const load = () => loadavg().map((n) => Math.round(n * 100) / 100);
const loadAtStart = load();
if (!cli['skip-compile']) await compileCms();
const meili = await startMeili('bench');
// The commit signal as in production (SQLite: a loopback datagram from the CMS to search-sync).
const wakePort = String(await freePort());
const cms = await startCms('sqlite', 'bench', { env: { SYNC_WAKE_PORT: wakePort } });
try {
  // Production defaults for the worker (poll 50 ms as the fallback, woken on commit), not the tests' faster settings.
  type BatchLog = { time: number; claimMs: number; batchMs: number; waitedMs: number; buildMs?: number; meiliMs?: number; queuedMs?: number; processingMs?: number };
  const batchLog: BatchLog[] = [];
  const collector = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as BatchLog & { event?: string };
        if (entry.event === 'batch.done') batchLog.push(entry);
      }
      done();
    },
  });
  const sync = await startSync(cms, meili, 'bench', { log: pino({ level: 'debug' }, collector), env: { SYNC_POLL_MS: '50', SYNC_BACKOFF_BASE_MS: '500', SYNC_BACKOFF_MAX_MS: '60000', SYNC_WAKE_PORT: wakePort } });
  await sync.until('startup backlog drained', async () => (await sync.runtime.outbox.pendingCount()) === 0, 60_000);
  const finance = ((await cms.strapi.db.query('api::department.department').findOne({ where: { code: 'finance' } })) as { documentId: string }).documentId;
  const docs = cms.strapi.documents('api::policy-item.policy-item');
  // Searched as the api searches: its own client (node:http, a connection per request) and the
  // search-only key. A kept-alive client here would add the delayed-ACK stall (~40 ms, README
  // "Search") to every measurement, which no api request pays.
  const target = { host: meili.host, searchKey: sync.runtime.searchKey, indexUid: sync.runtime.index.uid };
  const index = createSearchIndex({ timeoutMs: 5_000, target: () => target });

  // 1. Freshness.
  log(`freshness: ${PUBLISHES} publishes…`);
  const drafts: string[] = [];
  for (let i = 0; i < PUBLISHES; i++) {
    const d = await docs.create({ locale: 'zh-Hans', data: { title: `时效测试条目${i}`, itemCode: `FR-${i}`, department: finance } as never });
    drafts.push(d.documentId);
  }
  await sync.until('drafts processed', async () => (await sync.runtime.outbox.pendingCount()) === 0, 60_000);
  // Warm-up (not measured): a fresh Meilisearch index takes about 2 s for its first Chinese documents.
  for (let i = 0; i < 10; i++) {
    const d = await docs.create({ locale: 'zh-Hans', status: 'published', data: { title: `预热条目${i}`, itemCode: `WU-${i}`, department: finance } as never });
    await sync.until('warm-up searchable', () => sync.get(`policy_item-${d.documentId}-zh-Hans`), 30_000);
  }
  const latencies: number[] = [];
  const breakdown: Array<{ i: number; publishMs: number; totalMs: number; at: number }> = [];
  for (let i = 0; i < PUBLISHES; i++) {
    const id = `policy_item-${drafts[i]}-zh-Hans`;
    const started = performance.now();
    const at = Date.now();
    await docs.publish({ documentId: drafts[i]!, locale: 'zh-Hans' });
    const publishMs = performance.now() - started;
    for (;;) {
      const res = await index.search('', { filter: `id = "${id}"`, limit: 1 });
      if (res.hits.length) break;
      if (performance.now() - started > 10_000) throw new Error(`publish ${i} not searchable within 10 s`);
      await new Promise((r) => setTimeout(r, 2));
    }
    latencies.push(performance.now() - started);
    breakdown.push({ i, publishMs, totalMs: performance.now() - started, at });
  }
  for (const b of [...breakdown].sort((x, y) => y.totalMs - x.totalMs).slice(0, 5)) {
    const batches = batchLog.filter((l) => l.time >= b.at && l.time <= b.at + b.totalMs + 50);
    log(`  slowest: #${b.i} total ${b.totalMs.toFixed(0)} ms (publish call ${b.publishMs.toFixed(0)} ms); batches: ${JSON.stringify(batches.map(({ time: _t, ...rest }) => rest))}`);
  }
  // The parts of publish→searchable, per publish: the publish call (CMS commit included); commit →
  // the worker claims (waitedMs counts from the row's insert, inside the publish's transaction);
  // building the document; Meilisearch (our enqueue → task succeeded, of which its own clock says
  // queued and processing); then until a search sees it (the bench's own poll, every 2 ms).
  const parts: Record<string, number[]> = { publish_call: [], commit_to_claim: [], build: [], meili_total: [], meili_queued: [], meili_processing: [], visible_after_task: [] };
  for (const b of breakdown) {
    const batch = batchLog.find((l) => l.time >= b.at + b.publishMs - 1 && l.buildMs !== undefined);
    if (!batch) continue;
    parts.publish_call!.push(b.publishMs);
    parts.commit_to_claim!.push(Math.max(0, batch.waitedMs + batch.claimMs - b.publishMs));
    parts.build!.push(batch.buildMs!);
    parts.meili_total!.push(batch.meiliMs!);
    parts.meili_queued!.push(batch.queuedMs!);
    parts.meili_processing!.push(batch.processingMs!);
    parts.visible_after_task!.push(Math.max(0, b.at + b.totalMs - batch.time));
  }
  const partFigures = Object.fromEntries(
    Object.entries(parts).map(([k, v]) => {
      const s = [...v].sort((a, b) => a - b);
      return [k, s.length ? { p50: Math.round(pct(s, 50)), p99: Math.round(pct(s, 99)), max: Math.round(s.at(-1)!) } : null];
    }),
  );
  log(`freshness parts (ms): ${JSON.stringify(partFigures)}`);
  const sorted = [...latencies].sort((a, b) => a - b);
  log(`freshness p50 ${pct(sorted, 50).toFixed(0)} ms, p99 ${pct(sorted, 99).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`);
  await sync.stop();

  const detail = (extra: Record<string, unknown> = {}) => console.log(JSON.stringify({ detail: true, publishes: PUBLISHES, load_start: loadAtStart, load_end: load(), freshness_parts_ms: partFigures, ...extra }));
  if (ITEMS === 0) {
    detail();
    console.log(JSON.stringify({ freshness_p50_ms: Math.round(pct(sorted, 50)), freshness_p99_ms: Math.round(pct(sorted, 99)), freshness_max_ms: Math.round(sorted.at(-1)!) }));
  } else {
    // 2. Reindex of generated items vs raw bulk addition.
    log(`inserting ${ITEMS} generated items into the CMS database…`);
    let t = performance.now();
    await insertGeneratedItems(cms.strapi, ITEMS);
    log(`inserted in ${((performance.now() - t) / 1000).toFixed(1)} s; reindexing in a separate process…`);
    // The same heap cap as `npm run reindex` (package.json): memory stays bounded by design, and the cap keeps V8 from growing lazily.
    const env: Record<string, string | undefined> = { ...process.env, NODE_OPTIONS: '--max-old-space-size=192', ...cms.db.env, NODE_ENV: 'test', MEILI_HOST: meili.host, MEILI_MASTER_KEY: meili.masterKey, MEILI_INDEX_PREFIX: sync.prefix, MEILI_TASK_TIMEOUT_MS: '600000' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'search-sync', 'scripts', 'bench-reindex-child.ts')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    if (code !== 0) throw new Error(`reindex child exited with ${code}`);
    const reindexResult = JSON.parse(out.trim().split('\n').at(-1)!) as { documents: number; seconds: number; peakRssMb: number; timings: unknown };
    log(`reindex: ${reindexResult.documents} documents in ${reindexResult.seconds.toFixed(1)} s, peak RSS ${reindexResult.peakRssMb.toFixed(0)} MB`);

    // Raw: the very same documents (read back from the index), added in the same page size to a fresh
    // index with the same settings; timed from the first addition to the last task's success.
    // Megabyte pages: the bench's own reads and uploads get a long request timeout (the worker's is 2 s).
    const admin = sync.runtime.index.meili.withTimeout(120_000);
    const all: SearchDocument[] = [];
    for (let offset = 0; ; offset += 10_000) {
      const page = await admin.client.index<SearchDocument>(sync.runtime.index.uid).getDocuments({ limit: 10_000, offset });
      all.push(...page.results);
      if (page.results.length < 10_000) break;
    }
    const rawUid = `${sync.prefix}raw`;
    await admin.waitSucceeded(admin.client.createIndex(rawUid, { primaryKey: 'id' }));
    await admin.waitSucceeded(admin.client.index(rawUid).updateSettings(SEARCH_INDEX_SETTINGS as unknown as Settings));
    t = performance.now();
    const tasks = [];
    for (let i = 0; i < all.length; i += 2000) tasks.push(await admin.client.index(rawUid).addDocuments(all.slice(i, i + 2000)));
    for (const task of tasks) {
      // search-sync's own wait (meili/client.ts), polled as before: meilisearch-js's waitForTask left an
      // abort listener per poll here (MaxListenersExceededWarning during this 80-second wait).
      await admin.waitSucceeded(Promise.resolve(task), { timeoutMs: 600_000, intervalMs: 50 });
    }
    const rawS = (performance.now() - t) / 1000;
    log(`raw bulk addition: ${all.length} documents in ${rawS.toFixed(1)} s`);
    detail({ reindex_timings_ms: reindexResult.timings });
    const result = {
      freshness_p50_ms: Math.round(pct(sorted, 50)),
      freshness_p99_ms: Math.round(pct(sorted, 99)),
      freshness_max_ms: Math.round(sorted.at(-1)!),
      reindex_items: ITEMS,
      reindex_s: +reindexResult.seconds.toFixed(2),
      raw_meili_s: +rawS.toFixed(2),
      reindex_ratio: +(reindexResult.seconds / rawS).toFixed(3),
      reindex_peak_rss_mb: Math.round(reindexResult.peakRssMb),
    };
    console.log(JSON.stringify(result));
  }
} finally {
  await cms.stop();
  await meili.destroy();
}
process.exit(0);
