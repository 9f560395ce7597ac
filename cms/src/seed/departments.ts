import type { Core } from '@strapi/strapi';
import { DEPARTMENT_UID } from '../content/uids';
import { readDepartmentList } from './department-list';

/**
 * Every department of the mechanism's attachments plus the office exists in both locales.
 * Idempotent: missing departments (or locales) are created; existing ones are left as the office edited them.
 */
export async function ensureDepartments(strapi: Core.Strapi): Promise<number> {
  const docs = strapi.documents(DEPARTMENT_UID);
  let created = 0;
  for (const d of readDepartmentList()) {
    const rows = (await strapi.db.query(DEPARTMENT_UID).findMany({ where: { code: d.code }, select: ['documentId', 'locale'] })) as Array<{ documentId: string; locale: string }>;
    let documentId = rows[0]?.documentId;
    if (!rows.some((r) => r.locale === 'zh-Hans')) {
      const common = { code: d.code, phone: d.phone, order: d.order };
      if (documentId) {
        await docs.update({ documentId, locale: 'zh-Hans', data: { ...common, name: d.name, shortName: d.shortName, address: d.address } as never });
      } else {
        const doc = await docs.create({ locale: 'zh-Hans', data: { ...common, name: d.name, shortName: d.shortName, address: d.address } as never });
        documentId = doc.documentId;
      }
      created++;
    }
    if (documentId && !rows.some((r) => r.locale === 'en')) {
      await docs.update({ documentId, locale: 'en', data: { code: d.code, phone: d.phone, order: d.order, name: d.nameEn, shortName: d.nameEn, address: d.address } as never });
    }
  }
  return created;
}
