import { defineRbacSuite } from './rbac.suite.ts';

defineRbacSuite('sqlite');
