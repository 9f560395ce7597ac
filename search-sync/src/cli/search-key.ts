// `npm run -w @zone/search-sync search-key`: prints the api's search-only key (creating it if needed)
// for production, where the api gets it as MEILI_SEARCH_KEY. Needs MEILI_HOST and MEILI_MASTER_KEY;
// the key is derived from a fixed uid, so it stays the same across restarts and reindexes.
import path from 'node:path';
// The options are parsed before search-sync's modules load (await import below): a wrong option is answered at once.
import { parseCommandLine } from '@zone/schemas/cli';

parseCommandLine({
  command: 'npm run -w @zone/search-sync search-key',
  usage: '用法：npm run -w @zone/search-sync search-key   打印 api 的只读搜索密钥（MEILI_SEARCH_KEY=…；需要 MEILI_HOST 和 MEILI_MASTER_KEY；没有选项）',
  options: {},
});
const { syncEnv } = await import('../env.ts');
const { provisionKeys } = await import('../meili/keys.ts');
const { embeddedMasterKey } = await import('../meili/server.ts');
const env = syncEnv();
const keys = await provisionKeys({
  host: env.meili.host,
  masterKey: env.meili.masterKey ?? embeddedMasterKey(path.join(env.dataDir, 'meilisearch')),
  indexPrefix: env.meili.indexPrefix,
  timeoutMs: env.meili.timeoutMs,
});
console.log(`MEILI_SEARCH_KEY=${keys.searchKey}`);
console.error(`(search-only key for index ${keys.indexUid} at ${env.meili.host})`);
