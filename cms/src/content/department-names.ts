// Departments are named to people by their Chinese name (税务局), never by their code (tax):
// the names come from the shared list, schemas/data/departments.json.
import { readDepartmentList } from '../seed/department-list';

const NAMES = new Map(readDepartmentList().map((d) => [d.code, d.name]));

/** The Chinese name of a department code; an unknown code is shown as it is. */
export function departmentName(code: string): string {
  return NAMES.get(code) ?? code;
}

/** Several departments for a sentence: 财政局、税务局. */
export function departmentNames(codes: Iterable<string | null>): string {
  const names = [...new Set([...codes].map((c) => (c === null ? '（未指定部门）' : departmentName(c))))];
  return names.join('、') || '（未指定部门）';
}
