// Small read helpers over the database layer (not the Document Service, so the guards never recurse).
import type { Core } from '@strapi/strapi';
import { DEPARTMENT_UID, ITEM_UID, POLICY_UID } from './uids';
import type { RelationRef } from './relations';

type Row = { id: number; documentId: string; locale?: string | null; [key: string]: unknown };

function whereRefs(refs: RelationRef[]) {
  const documentIds = refs.flatMap((r) => (r.documentId ? [r.documentId] : []));
  const ids = refs.flatMap((r) => (r.id !== undefined ? [r.id] : []));
  const or: object[] = [];
  if (documentIds.length) or.push({ documentId: { $in: documentIds } });
  if (ids.length) or.push({ id: { $in: ids } });
  return { $or: or };
}

/** Department codes of the given department references (unknown references are left out). */
export async function departmentCodesOfRefs(strapi: Core.Strapi, refs: RelationRef[]): Promise<{ codes: Set<string>; found: number }> {
  if (refs.length === 0) return { codes: new Set(), found: 0 };
  const rows = (await strapi.db.query(DEPARTMENT_UID).findMany({ where: whereRefs(refs), select: ['id', 'documentId', 'code'] })) as Row[];
  const foundKeys = new Set(rows.flatMap((r) => [r.documentId, String(r.id)]));
  const found = refs.filter((r) => foundKeys.has(r.documentId ?? String(r.id))).length;
  return { codes: new Set(rows.map((r) => String(r.code))), found };
}

/** Every department code that any version (draft, published, any locale) of a document belongs to. */
export async function departmentCodesOfDocument(strapi: Core.Strapi, uid: string, documentId: string): Promise<{ exists: boolean; codes: Set<string | null> }> {
  const rows = (await strapi.db.query(uid as typeof POLICY_UID).findMany({
    where: { documentId },
    select: ['id', 'locale'],
    populate: { department: { select: ['code'] } },
  })) as Array<Row & { department?: { code: string } | null }>;
  return { exists: rows.length > 0, codes: new Set(rows.map((r) => r.department?.code ?? null)) };
}

/** For each referenced item: its department code (null if it has none). */
export async function itemDepartmentCodes(strapi: Core.Strapi, refs: RelationRef[]): Promise<Array<string | null>> {
  if (refs.length === 0) return [];
  const rows = (await strapi.db.query(ITEM_UID).findMany({
    where: whereRefs(refs),
    select: ['id'],
    populate: { department: { select: ['code'] } },
  })) as Array<Row & { department?: { code: string } | null }>;
  return rows.map((r) => r.department?.code ?? null);
}

/** For each referenced policy: the issuing and co-issuing department codes. */
export async function policyDepartmentCodes(strapi: Core.Strapi, refs: RelationRef[]): Promise<Array<Set<string>>> {
  if (refs.length === 0) return [];
  const rows = (await strapi.db.query(POLICY_UID).findMany({
    where: whereRefs(refs),
    select: ['id'],
    populate: { department: { select: ['code'] }, coIssuingDepartments: { select: ['code'] } },
  })) as Array<Row & { department?: { code: string } | null; coIssuingDepartments?: Array<{ code: string }> }>;
  return rows.map((r) => new Set([...(r.department ? [r.department.code] : []), ...(r.coIssuingDepartments ?? []).map((d) => d.code)]));
}

/** The documentId of a department by code, in any locale (documentId is shared by all locales). */
export async function departmentDocumentId(strapi: Core.Strapi, code: string): Promise<string | undefined> {
  const row = (await strapi.db.query(DEPARTMENT_UID).findOne({ where: { code }, select: ['documentId'] })) as Row | null;
  return row?.documentId;
}
