// 第五条: each department has an enterprise-service specialist (企业服务专员) who keeps its policies
// current. Here that is one admin role per department whose content permissions carry the
// "belongs to my department" condition, plus the office (区企服办) role that edits everything.
import type { Core } from '@strapi/strapi';
import { adminService } from './admin-services';
import { DEPARTMENT_SCOPED_UIDS, DEPARTMENT_UID, LOCALES } from '../content/uids';
import { OFFICE_CODE, readDepartmentList } from '../seed/department-list';
import { SYNONYM_UID as SEARCH_SYNONYM_UID } from '../content/uids';

export const DEPARTMENT_ROLE_PREFIX = 'department-editor-';
export const OFFICE_ROLE_CODE = 'office-editor';
/** 第六条: the 96871 hotline agents; they work in the workbench (工作台), not on content. */
export const HOTLINE_ROLE_CODE = 'hotline-agent';
/** 第十一、十二条: the leading group (领导小组) receives escalations and the monthly report. */
export const LEADER_ROLE_CODE = 'leading-group';
export const SUPER_ADMIN_ROLE_CODE = 'strapi-super-admin';
export const OWN_DEPARTMENT_CONDITION = 'api::own-department';
/** The relation every department-scoped entry carries to the department that maintains it. */
export const DEPARTMENT_FIELD = 'department';

const CONTENT_ACTIONS = ['read', 'create', 'update', 'delete', 'publish'] as const;

interface RoleLike { code?: string | null }
interface AdminUserLike { id: number | string; roles?: RoleLike[] | null }

export function departmentRoleCode(departmentCode: string): string {
  return `${DEPARTMENT_ROLE_PREFIX}${departmentCode}`;
}

/** Department codes an admin user edits as a department editor (empty for office and super admins). */
export function departmentCodesOf(user: AdminUserLike): string[] {
  return (user.roles ?? [])
    .map((r) => r.code ?? '')
    .filter((code) => code.startsWith(DEPARTMENT_ROLE_PREFIX))
    .map((code) => code.slice(DEPARTMENT_ROLE_PREFIX.length));
}

export function isUnrestricted(user: AdminUserLike): boolean {
  return (user.roles ?? []).some((r) => r.code === OFFICE_ROLE_CODE || r.code === SUPER_ADMIN_ROLE_CODE);
}

export async function registerDepartmentCondition(strapi: Core.Strapi): Promise<void> {
  await adminService(strapi, 'permission').conditionProvider.register({
    displayName: '属于本部门 (belongs to my department)',
    name: 'own-department',
    category: '部门 Department',
    handler: (user: AdminUserLike) => {
      const codes = departmentCodesOf(user);
      if (codes.length === 0) return false;
      return { 'department.code': { $in: codes } };
    },
  });
}

type PermissionInput = { action: string; subject?: string; conditions: string[]; properties?: Record<string, unknown> };

/** Content-manager permissions with every field and every locale spelled out, as the admin UI would save them. */
function contentPermissions(
  strapi: Core.Strapi,
  uids: readonly string[],
  actions: readonly string[],
  conditions: string[],
  options: { readOnlyFields?: readonly string[] } = {},
): PermissionInput[] {
  const contentTypeService = adminService(strapi, 'content-type');
  const readOnly = new Set(options.readOnlyFields ?? []);
  const perms: PermissionInput[] = [];
  for (const uid of uids) {
    const fields = contentTypeService.getNestedFields(strapi.contentTypes[uid as keyof typeof strapi.contentTypes], { components: strapi.components }) as string[];
    for (const action of actions) {
      const properties: Record<string, unknown> = { locales: [...LOCALES.all] };
      // delete and publish act on whole documents; read/create/update carry the field list.
      if (action === 'read') properties.fields = fields;
      if (action === 'create' || action === 'update') properties.fields = fields.filter((f) => !readOnly.has(f));
      perms.push({ action: `plugin::content-manager.explorer.${action}`, subject: uid, conditions, properties });
    }
  }
  return perms;
}

function mediaPermissions(scoped: boolean): PermissionInput[] {
  // Department editors see and change only the files uploaded by their own department's role.
  const own = scoped ? ['admin::has-same-role-as-creator'] : [];
  return [
    { action: 'plugin::upload.read', conditions: own },
    { action: 'plugin::upload.configure-view', conditions: [] },
    { action: 'plugin::upload.assets.create', conditions: [] },
    { action: 'plugin::upload.assets.update', conditions: own },
    { action: 'plugin::upload.assets.download', conditions: own },
    { action: 'plugin::upload.assets.copy-link', conditions: own },
  ];
}

async function ensureRole(strapi: Core.Strapi, code: string, name: string, description: string) {
  const roleService = adminService(strapi, 'role');
  const existing = await roleService.findOne({ code });
  if (existing) {
    if (existing.name !== name || existing.description !== description) {
      await strapi.db.query('admin::role').update({ where: { id: existing.id }, data: { name, description } });
    }
    return existing as { id: number };
  }
  return (await roleService.create({ code, name, description })) as { id: number };
}

/** Idempotent: run on every boot. A department added to the list gets its role on the next start. */
export async function ensureEditorRoles(strapi: Core.Strapi): Promise<void> {
  const roleService = adminService(strapi, 'role');
  for (const dept of readDepartmentList()) {
    if (dept.code === OFFICE_CODE) continue;
    const role = await ensureRole(
      strapi,
      departmentRoleCode(dept.code),
      `${dept.name} 企业服务专员`,
      `${dept.name}的企业服务专员：只能查看和维护本部门的政策、条目、解读和热线口径（第四、五条）。`,
    );
    await roleService.assignPermissions(role.id, [
      // 所属部门 is read-only for a specialist: the admin shows it fixed instead of a picker of every
      // department, and the department guard fills it in on create.
      ...contentPermissions(strapi, DEPARTMENT_SCOPED_UIDS, CONTENT_ACTIONS, [OWN_DEPARTMENT_CONDITION], { readOnlyFields: [DEPARTMENT_FIELD] }),
      // Departments are reference data: every editor reads them; only the office edits them.
      ...contentPermissions(strapi, [DEPARTMENT_UID], ['read'], []),
      ...mediaPermissions(true),
    ]);
  }
  const office = await ensureRole(
    strapi,
    OFFICE_ROLE_CODE,
    '区企服办 企业服务专班',
    '区企服办（企业服务专班）：维护所有部门的内容与部门信息（第二、三条）。',
  );
  await roleService.assignPermissions(office.id, [
    ...contentPermissions(strapi, DEPARTMENT_SCOPED_UIDS, CONTENT_ACTIONS, []),
    ...contentPermissions(strapi, [DEPARTMENT_UID], ['read', 'create', 'update', 'delete'], []),
    // The search dictionary (检索同义词) is the office's: it tunes search for every department.
    ...contentPermissions(strapi, [SEARCH_SYNONYM_UID], ['read', 'create', 'update', 'delete'], []),
    ...mediaPermissions(false),
  ]);
}

/**
 * The staff roles that do not edit content: the 96871 hotline agents and the leading group. Their
 * screens are the workbench's; the api token the CMS issues them carries `hotline` / `leader`.
 * Idempotent: run on every boot.
 */
export async function ensureWorkbenchRoles(strapi: Core.Strapi): Promise<void> {
  await ensureRole(strapi, HOTLINE_ROLE_CODE, '96871 热线坐席', '96871 热线坐席：在工作台查口径、答复来电，并把来电登记为诉求（第六条）。');
  await ensureRole(strapi, LEADER_ROLE_CODE, '领导小组', '领导小组：接收升级和共性诉求，查看月度报告（第十一、十二条）。');
}
