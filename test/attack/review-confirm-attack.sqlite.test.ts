import { defineReviewConfirmAttackSuite } from './review-confirm-attack.suite.ts';

defineReviewConfirmAttackSuite('sqlite');
