import { defineWakeSuite } from './wake.suite.ts';

defineWakeSuite('sqlite');
