// `npm run reconcile`: compares the published CMS content with the index (id and content hash, per
// type and locale), repairs missing, stale and orphaned documents, and reports what it fixed.
// The options are parsed before search-sync's modules load (await import below): a wrong option is answered at once.
import { parseCommandLine } from '@zone/schemas/cli';

parseCommandLine({
  command: 'npm run reconcile',
  usage: '用法：npm run reconcile   比对已发布内容与索引，修复缺失、过期和多余的文档（没有选项）',
  options: {},
});
const { syncEnv } = await import('../env.ts');
const { reconcile } = await import('../reconcile/reconcile.ts');
const { createRuntime } = await import('../runtime.ts');
const runtime = await createRuntime(syncEnv());
try {
  const report = await reconcile(runtime);
  await runtime.worker.drain(300_000);
  console.log('type/locale                 published  indexed  missing  stale  orphaned');
  for (const [key, c] of Object.entries(report.byTypeLocale).sort()) {
    console.log(`${key.padEnd(26)} ${String(c.published).padStart(10)} ${String(c.indexed).padStart(8)} ${String(c.missing).padStart(8)} ${String(c.stale).padStart(6)} ${String(c.orphaned).padStart(9)}`);
  }
  const t = report.total;
  console.log(t.missing + t.stale + t.orphaned === 0 ? 'No drift: the index matches the published content.' : `Repaired ${t.missing} missing, ${t.stale} stale and ${t.orphaned} orphaned documents.`);
  const parked = await runtime.outbox.parked();
  if (parked.length) console.log(`${parked.length} changes are parked (cannot be indexed): ${parked.slice(0, 5).map((p) => `${p.uid} ${p.document_id}: ${p.last_error}`).join('; ')}`);
} finally {
  await runtime.close();
}
