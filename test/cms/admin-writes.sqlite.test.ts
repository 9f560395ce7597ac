import { defineAdminWritesSuite } from './admin-writes.suite.ts';

defineAdminWritesSuite('sqlite');
