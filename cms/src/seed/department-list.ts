// The department list is shared data (schemas/data/departments.json): the api assigns petitions
// to the same codes the CMS scopes content by.
import { DEPARTMENTS, OFFICE_DEPARTMENT_CODE, type Department } from '@zone/schemas/cms-contract';

export type { Department };
export const OFFICE_CODE = OFFICE_DEPARTMENT_CODE;

export function readDepartmentList(): readonly Department[] {
  return DEPARTMENTS;
}
