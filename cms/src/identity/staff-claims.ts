// The api role a staff member's admin roles give them (DESIGN.md "Identity"). Only staff roles
// come from here: office, department (with its code), hotline, leader. A super admin without a
// staff role gets no api token: administering the CMS is not a petition role.
import { DEPARTMENT_ROLE_PREFIX, HOTLINE_ROLE_CODE, LEADER_ROLE_CODE, OFFICE_ROLE_CODE } from '../access/roles';

export type StaffClaims =
  | { role: 'office' }
  | { role: 'leader' }
  | { role: 'hotline' }
  | { role: 'department'; department: string };

interface RoleLike { code?: string | null }

/** When one account holds several staff roles, the widest wins: office, leader, hotline, then a department. */
export function staffClaimsOf(roles: readonly RoleLike[]): StaffClaims | null {
  const codes = roles.map((r) => r.code ?? '');
  if (codes.includes(OFFICE_ROLE_CODE)) return { role: 'office' };
  if (codes.includes(LEADER_ROLE_CODE)) return { role: 'leader' };
  if (codes.includes(HOTLINE_ROLE_CODE)) return { role: 'hotline' };
  const departments = codes.filter((c) => c.startsWith(DEPARTMENT_ROLE_PREFIX)).map((c) => c.slice(DEPARTMENT_ROLE_PREFIX.length)).sort();
  const first = departments[0];
  return first ? { role: 'department', department: first } : null;
}
