// Demo accounts: a super admin, the office, a 96871 hotline agent, the leading group, and one 企业服务专员 per department
// (`<department-code>@demo.local`). The password is DEMO_PASSWORD, or one generated on first start.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { adminService } from '../access/admin-services';
import { HOTLINE_ROLE_CODE, LEADER_ROLE_CODE, OFFICE_ROLE_CODE, SUPER_ADMIN_ROLE_CODE, departmentRoleCode } from '../access/roles';
import { OFFICE_CODE, readDepartmentList } from './department-list';

export interface DemoAccount { email: string; role: string; name: string }

export function demoAccounts(): DemoAccount[] {
  const list: DemoAccount[] = [
    { email: 'admin@demo.local', role: SUPER_ADMIN_ROLE_CODE, name: '系统管理员' },
    { email: 'office@demo.local', role: OFFICE_ROLE_CODE, name: '区企服办' },
    { email: 'hotline@demo.local', role: HOTLINE_ROLE_CODE, name: '96871 热线坐席' },
    { email: 'leader@demo.local', role: LEADER_ROLE_CODE, name: '领导小组' },
  ];
  for (const d of readDepartmentList()) {
    if (d.code !== OFFICE_CODE) list.push({ email: `${d.code}@demo.local`, role: departmentRoleCode(d.code), name: `${d.name}专员` });
  }
  return list;
}

/** Strapi's admin password policy: 8+ characters with upper case, lower case and a digit. */
function generatePassword(): string {
  return `Demo-${randomBytes(6).toString('hex')}-Zq9`;
}

export function demoPassword(dataDir: string, configured: string | undefined): { password: string; generated: boolean } {
  if (configured) return { password: configured, generated: false };
  const file = path.join(dataDir, 'demo-password.txt');
  if (existsSync(file)) return { password: readFileSync(file, 'utf8').trim(), generated: true };
  const password = generatePassword();
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return { password, generated: true };
}

export async function ensureDemoAccounts(strapi: Core.Strapi, password: string): Promise<DemoAccount[]> {
  const created: DemoAccount[] = [];
  for (const account of demoAccounts()) {
    const exists = await strapi.db.query('admin::user').findOne({ where: { email: account.email }, select: ['id'] });
    if (exists) continue;
    const role = await adminService(strapi, 'role').findOne({ code: account.role });
    if (!role) throw new Error(`Role ${account.role} is missing; roles are created before accounts`);
    await adminService(strapi, 'user').create({
      email: account.email,
      firstname: account.name,
      lastname: '',
      password,
      isActive: true,
      registrationToken: null,
      roles: [role.id],
    });
    created.push(account);
  }
  return created;
}
