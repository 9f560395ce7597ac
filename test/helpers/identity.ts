// Staff identity in the tests: demo staff accounts in the real CMS, logged in through the admin
// HTTP API, and the api token the CMS issues them (POST /api-identity/token), as the workbench gets it.
import type { Core } from '@strapi/strapi';
import { AdminClient, createAdminUser } from './cms.ts';

export interface IssuedStaffToken {
  token: string;
  expiresAt: string;
  role: string;
  department?: string;
  name: string;
  apiUrl: string;
}

/** Creates an admin user with the role, logs in once and returns the admin client. */
export async function staffMember(strapi: Core.Strapi, cmsUrl: string, email: string, roleCode: string): Promise<AdminClient> {
  const { password } = await createAdminUser(strapi, email, roleCode);
  return AdminClient.login(cmsUrl, email, password);
}

/** The CMS-issued api token of a logged-in staff member. */
export async function cmsToken(admin: AdminClient): Promise<IssuedStaffToken> {
  const res = await admin.request('POST', '/api-identity/token', {});
  if (res.status !== 200) throw new Error(`token refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as IssuedStaffToken;
}
