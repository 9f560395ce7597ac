// `npm run reindex`: a complete shadow index swapped in atomically, then the repairs for anything
// published meanwhile. Progress on stderr, the summary on stdout.
// The options are parsed before search-sync's modules load (await import below): a wrong option is answered at once.
import { parseCommandLine } from '@zone/schemas/cli';

parseCommandLine({
  command: 'npm run reindex',
  usage: '用法：npm run reindex   零停机全量重建索引（影子索引建好后原子切换；没有选项）',
  options: {},
});
const { syncEnv } = await import('../env.ts');
const { reindex } = await import('../reindex/reindex.ts');
const { createRuntime } = await import('../runtime.ts');
const runtime = await createRuntime(syncEnv());
try {
  const summary = await reindex(runtime);
  await runtime.worker.drain(300_000);
  const types = Object.entries(summary.byType).map(([t, n]) => `${t} ${n}`).join(', ');
  console.log(`Reindexed ${summary.documents} documents into ${summary.indexUid} in ${summary.seconds.toFixed(1)} s (${types}); swapped in atomically.`);
  if (summary.skipped) console.log(`${summary.skipped} entries could not be built and were skipped (see the parked changes).`);
  if (summary.reconcile?.queued) console.log(`${summary.reconcile.queued} documents changed during the build and were re-indexed.`);
} finally {
  await runtime.close();
}
