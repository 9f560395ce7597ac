import { defineSyncSuite } from './sync.suite.ts';

defineSyncSuite('sqlite');
