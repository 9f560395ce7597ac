// `npm start`'s meilisearch component: runs the embedded Meilisearch from the data directory until
// stopped. Not used when MEILI_HOST points at an external server.
import path from 'node:path';
// The options are parsed before search-sync's modules load (await import below): a wrong option is answered at once.
import { parseCommandLine } from '@zone/schemas/cli';

parseCommandLine({
  command: 'npm run -w @zone/search-sync meilisearch',
  usage: '用法：npm run -w @zone/search-sync meilisearch   在数据目录中运行内置的 Meilisearch（npm start 的一个组件；没有选项）',
  options: {},
});
const { syncEnv } = await import('../env.ts');
const { MEILI_VERSION } = await import('../meili/binary.ts');
const { startMeiliServer } = await import('../meili/server.ts');
const env = syncEnv();
if (env.meili.kind === 'external') {
  console.error(`MEILI_HOST is set (${env.meili.host}): the embedded Meilisearch is not started.`);
  process.exit(1);
}
const server = await startMeiliServer({
  dataDir: path.join(env.dataDir, 'meilisearch'),
  port: env.meili.port,
  production: env.nodeEnv === 'production',
  maxIndexingMemory: env.meili.maxIndexingMemory,
  // Meilisearch never outlives this wrapper, which never outlives npm start's supervisor.
  dieWithParent: true,
  onLog: (line) => console.log(line),
});
console.log(`Meilisearch ${MEILI_VERSION} listening on ${server.host} (data and master key in ${path.join(env.dataDir, 'meilisearch')})`);
let stopping = false;
const stop = () => {
  stopping = true;
  void server.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Meilisearch ending on its own is a crash: npm start's supervisor restarts this component.
server.process.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`Meilisearch ended (${signal ?? `code ${code}`})`);
  process.exit(code || 1);
});
