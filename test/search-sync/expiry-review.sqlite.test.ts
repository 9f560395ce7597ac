import { defineExpiryReviewSuite } from './expiry-review.suite.ts';

defineExpiryReviewSuite('sqlite');
