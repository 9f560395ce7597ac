import { defineCmsAttackSuite } from './cms-attack.suite.ts';

defineCmsAttackSuite('sqlite');
