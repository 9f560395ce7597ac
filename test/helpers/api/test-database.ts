// The harness is shared with the root benchmarks; see harness/src/testing/.
export {
  API_DIALECTS as DIALECTS,
  TEST_DATABASE_URL,
  openApiTestDatabase as openTestDatabase,
  type ApiTestDatabase as TestDatabase,
  type ApiTestDialect as TestDialect,
} from '@zone/harness/testing';
