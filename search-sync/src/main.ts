// `search-sync`: the worker process. Starts after Meilisearch and the CMS (npm start orders them),
// then indexes every change from the outbox. GET /healthz on SYNC_HEALTH_PORT reports the queue:
// pending changes, parked changes (with their errors), and the last batch.
import { createServer } from 'node:http';
// The options are parsed before search-sync's modules load (await import below): a wrong option is answered at once.
import { parseCommandLine } from '@zone/schemas/cli';

parseCommandLine({ command: 'npm run -w @zone/search-sync start', usage: '用法：npm run -w @zone/search-sync start   索引同步进程（设置见 search-sync/src/env.ts；没有选项）', options: {} });
const { syncEnv } = await import('./env.ts');
const { createRuntime } = await import('./runtime.ts');
const env = syncEnv();
const runtime = await createRuntime(env);
runtime.worker.start();
runtime.log.info({ index: runtime.index.uid, host: env.meili.host }, `search-sync indexing into ${runtime.index.uid} at ${env.meili.host}`);

const server = createServer((req, res) => {
  void (async () => {
    try {
      const [pending, parked] = await Promise.all([runtime.outbox.pendingCount(), runtime.outbox.parked()]);
      const body = req.url?.startsWith('/parked')
        ? parked
        : { status: runtime.worker.running ? 'ok' : 'stopped', index: runtime.index.uid, pending, parkedChanges: parked.length, stats: runtime.worker.stats };
      res.writeHead(runtime.worker.running ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    } catch (error) {
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', error: (error as Error).message }));
    }
  })();
});
server.listen(env.sync.healthPort, '127.0.0.1');

const shutdown = () => {
  server.close();
  void runtime.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
