// Export of a department's items in the import template, so a department can edit its list in a
// spreadsheet and import it back (an unedited export re-imports as all "unchanged").
import type { Core } from '@strapi/strapi';
import { DEPARTMENT_UID, ITEM_UID, LOCALES } from '../content/uids';
import { ImportOptionError } from './errors';
import type { Locale } from './import-items';
import { exportRow, type StoredItem } from './map-row';
import type { TemplateRow } from './write-rows';

export interface ExportOptions {
  department: string;
  locale?: Locale;
}

/** The department's items in one locale (the current draft, i.e. what an editor sees), sorted by order then item code. */
export async function exportPolicyItems(strapi: Core.Strapi, options: ExportOptions): Promise<TemplateRow[]> {
  const locale = options.locale ?? LOCALES.default;
  if (!(LOCALES.all as readonly string[]).includes(locale)) throw new ImportOptionError(`不支持的语言「${locale}」：只能是 ${LOCALES.all.join(' 或 ')}`);
  const department = await strapi.db.query(DEPARTMENT_UID).findOne({ where: { code: options.department }, select: ['code'] });
  if (!department) throw new ImportOptionError(`--department ${options.department}：没有这个部门（部门代码见 schemas/data/departments.json）`);
  const items = (await strapi.db.query(ITEM_UID).findMany({
    where: { locale, publishedAt: null, department: { code: options.department } },
    populate: { department: { select: ['code', 'documentId'] }, policy: { select: ['documentId', 'docNumber', 'title'] }, conditions: true },
  })) as StoredItem[];
  const rows = items.map(exportRow);
  // Sorted here rather than in SQL: PostgreSQL's collation and SQLite's byte order differ on codes.
  return rows.sort((a, b) => Number(a.order) - Number(b.order) || (String(a.itemCode) < String(b.itemCode) ? -1 : String(a.itemCode) > String(b.itemCode) ? 1 : 0));
}
