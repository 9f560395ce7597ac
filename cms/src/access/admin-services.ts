// Typed access to the admin services this project uses. They always exist once the admin is
// registered; a missing one means a broken Strapi install, which should stop the boot loudly.
import type { Core } from '@strapi/strapi';

type AdminServiceName = 'permission' | 'role' | 'user' | 'content-type';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Strapi types admin services as `any`
export function adminService(strapi: Core.Strapi, name: AdminServiceName): any {
  const service = strapi.admin.services[name];
  if (!service) throw new Error(`Strapi admin service "${name}" is not available`);
  return service;
}
