import { defineMatchingSuite } from './matching-api.suite.ts';

defineMatchingSuite('sqlite');
