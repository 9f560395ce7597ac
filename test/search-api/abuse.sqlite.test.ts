import { defineAbuseSuite } from './abuse.suite.ts';

defineAbuseSuite('sqlite');
