// The harness is shared with the root benchmarks; see harness/src/testing/.
export { DB_KINDS, TEST_DATABASE_URL, cloneCmsTemplate, createTestDatabase, type DbKind, type TestDatabase } from '@zone/harness/testing';
