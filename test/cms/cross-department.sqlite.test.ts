import { defineCrossDepartmentSuite } from './cross-department.suite.ts';

defineCrossDepartmentSuite('sqlite');
