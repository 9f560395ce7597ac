// The department list is shared data (schemas/data/departments.json): the api assigns petitions
// to the same codes the CMS scopes content by.
import departments from '@zone/schemas/data/departments.json';

export interface DepartmentSeed {
  code: string;
  name: string;
  nameEn: string;
  shortName: string;
  phone: string;
  address: string;
  order: number;
  isOffice?: boolean;
}

export const OFFICE_CODE = 'office';

export function readDepartmentList(): DepartmentSeed[] {
  return departments as DepartmentSeed[];
}
