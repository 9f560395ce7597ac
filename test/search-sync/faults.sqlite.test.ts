import { defineFaultSuite } from './faults.suite.ts';

defineFaultSuite('sqlite');
