import { describe } from 'vitest';
import { TEST_DATABASE_URL } from '../helpers/databases.ts';
import { defineAdminWritesSuite } from './admin-writes.suite.ts';

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL (TEST_DATABASE_URL)', () => {
  defineAdminWritesSuite('postgres');
});
