import { defineSearchApiSuite } from './search-api.suite.ts';

defineSearchApiSuite('sqlite');
