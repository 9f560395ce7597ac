// The departments of the mechanism's attachments (附件1、2) plus the office (第二、三条).
// The data lives in data/departments.json so the CommonJS CMS can read the same list.
import departmentsJson from '../data/departments.json' with { type: 'json' };

export interface Department {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly shortName: string;
  readonly phone: string;
  readonly address: string;
  readonly order: number;
  /** 区企服办: edits every department's content and triages petitions (第三、七条). */
  readonly isOffice?: boolean;
}

export const DEPARTMENTS: readonly Department[] = departmentsJson;
export const OFFICE_DEPARTMENT_CODE = 'office';
export const DEPARTMENT_CODES: readonly string[] = DEPARTMENTS.map((d) => d.code);

export function findDepartment(code: string): Department | undefined {
  return DEPARTMENTS.find((d) => d.code === code);
}
