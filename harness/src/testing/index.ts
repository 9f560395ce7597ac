// What the tests (test/helpers re-export it) and the root benchmarks (scripts/bench/) share: the
// real components started in-process on temporary databases, each on its own ports and prefixes.
export { AdminClient, createAdminUser, startCms, type CmsUnderTest, type StartCmsOptions } from './cms.ts';
export { DB_KINDS, TEST_DATABASE_URL, createTestDatabase, type DbKind, type TestDatabase } from './databases.ts';
export { generatedItem, insertGeneratedItems } from './generated-items.ts';
export { freePort, startHangingServer, startMeili, type MeiliUnderTest } from './meili.ts';
export { newPrefix, startSync, syncEnvFor, type SyncUnderTest } from './sync.ts';
export { startSearchApi, startSearchStack, type ApiUnderTest, type GraphqlResult, type SearchStack } from './search-stack.ts';
export { TestClock } from './test-clock.ts';
export { API_DIALECTS, openApiTestDatabase, type ApiTestDatabase, type ApiTestDialect } from './api-database.ts';
export { compileCms } from './compile-cms.ts';
export { TEMPLATE_KEY_ENV, cloneCmsTemplate, dropStaleTemplates, ensureCmsTemplates } from './cms-template.ts';
