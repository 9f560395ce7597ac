import { describe } from 'vitest';
import { TEST_DATABASE_URL } from '../helpers/databases.ts';
import { defineExpiryReviewSuite } from './expiry-review.suite.ts';

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL (TEST_DATABASE_URL)', () => {
  defineExpiryReviewSuite('postgres');
});
