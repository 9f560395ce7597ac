// `npm start`'s meilisearch component: runs the embedded Meilisearch from the data directory until
// stopped. Not used when MEILI_HOST points at an external server.
import path from 'node:path';
import { syncEnv } from '../env.ts';
import { MEILI_VERSION } from '../meili/binary.ts';
import { startMeiliServer } from '../meili/server.ts';

const env = syncEnv();
if (env.meili.kind === 'external') {
  console.error(`MEILI_HOST is set (${env.meili.host}): the embedded Meilisearch is not started.`);
  process.exit(1);
}
const server = await startMeiliServer({
  dataDir: path.join(env.dataDir, 'meilisearch'),
  port: env.meili.port,
  production: env.nodeEnv === 'production',
  onLog: (line) => console.log(line),
});
console.log(`Meilisearch ${MEILI_VERSION} listening on ${server.host} (data and master key in ${path.join(env.dataDir, 'meilisearch')})`);
const stop = () => void server.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.process.on('exit', (code) => process.exit(code ?? 1));
