import { describe } from 'vitest';
import { TEST_DATABASE_URL } from '../helpers/databases.ts';
import { defineMatchingSuite } from './matching-api.suite.ts';

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL (TEST_DATABASE_URL)', () => {
  defineMatchingSuite('postgres');
});
