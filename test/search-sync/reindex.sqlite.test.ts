import { defineReindexSuite } from './reindex.suite.ts';

defineReindexSuite('sqlite');
