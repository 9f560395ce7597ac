import { describe } from 'vitest';
import { TEST_DATABASE_URL } from '../helpers/databases.ts';
import { defineWakeSuite } from './wake.suite.ts';

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL (TEST_DATABASE_URL)', () => {
  defineWakeSuite('postgres');
});
