// Who may use the page and for which department. The department is always derived here from the
// admin user's roles (第五条: each specialist keeps their own department's list); a department named
// in the request is only a choice among what the user may already edit.
import type { Core } from '@strapi/strapi';
import { departmentCodesOf, isUnrestricted } from '../../../../access/roles';
import { DEPARTMENT_UID, LOCALES } from '../../../../content/uids';
import { badRequest, forbidden } from './errors';

export interface AdminUser {
  id: number | string;
  roles?: Array<{ code?: string | null }> | null;
}

export type Staff = { kind: 'office' } | { kind: 'department'; codes: readonly string[] };

export interface DepartmentRef {
  code: string;
  name: string;
}

/** The office and super admins pick any department; a department editor only their own. Anyone else is refused. */
export function staffOf(user: AdminUser | undefined): Staff {
  if (!user) return forbidden('NOT_DEPARTMENT_STAFF', '请先登录后台');
  if (isUnrestricted(user)) return { kind: 'office' };
  const codes = departmentCodesOf(user);
  if (codes.length === 0) return forbidden('NOT_DEPARTMENT_STAFF', '只有部门企业服务专员和区企服办可以导入导出政策条目清单');
  return { kind: 'department', codes };
}

export async function departmentRef(strapi: Core.Strapi, code: string): Promise<DepartmentRef | null> {
  const row = (await strapi.db.query(DEPARTMENT_UID).findOne({ where: { code, locale: LOCALES.default }, select: ['code', 'name'] })) as DepartmentRef | null;
  return row ? { code: row.code, name: row.name } : null;
}

/** The departments the user may work on, in the office's order. */
export async function departmentsOf(strapi: Core.Strapi, staff: Staff): Promise<DepartmentRef[]> {
  const where = staff.kind === 'office' ? { locale: LOCALES.default } : { locale: LOCALES.default, code: { $in: [...staff.codes] } };
  const rows = (await strapi.db.query(DEPARTMENT_UID).findMany({ where, select: ['code', 'name', 'order'], orderBy: [{ order: 'asc' }, { code: 'asc' }] })) as DepartmentRef[];
  return rows.map((r) => ({ code: r.code, name: r.name }));
}

/** The department this request works on: the editor's own, or the office's choice. */
export async function resolveDepartment(strapi: Core.Strapi, staff: Staff, requested: string | undefined): Promise<DepartmentRef> {
  let code: string;
  if (staff.kind === 'department') {
    if (requested && !staff.codes.includes(requested)) {
      return forbidden('DEPARTMENT_NOT_YOURS', `只能导入导出本部门的政策条目，不能选择其他部门（${requested}）`);
    }
    if (!requested && staff.codes.length > 1) return badRequest('DEPARTMENT_REQUIRED', '您负责多个部门，请选择部门', 'department');
    code = requested ?? staff.codes[0]!;
  } else {
    if (!requested) return badRequest('DEPARTMENT_REQUIRED', '请选择部门', 'department');
    code = requested;
  }
  const ref = await departmentRef(strapi, code);
  if (!ref) return badRequest('UNKNOWN_DEPARTMENT', `没有部门代码为「${code}」的部门`, 'department');
  return ref;
}
