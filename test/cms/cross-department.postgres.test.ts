import { describe } from 'vitest';
import { TEST_DATABASE_URL } from '../helpers/databases.ts';
import { defineCrossDepartmentSuite } from './cross-department.suite.ts';

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL (TEST_DATABASE_URL)', () => {
  defineCrossDepartmentSuite('postgres');
});
