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
  return { codes: new Set(rows.map((r) => String(r.code))), found: countFound(refs, rows) };
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

/** How many references matched rows: a document has several rows (draft, published, locales). */
function countFound(refs: RelationRef[], rows: Row[]): number {
  const keys = new Set(rows.flatMap((r) => [r.documentId, String(r.id)]));
  return refs.filter((r) => keys.has(r.documentId ?? String(r.id))).length;
}

/** The department codes of the referenced items (null for an item without one), and how many references exist. */
export async function itemDepartmentCodes(strapi: Core.Strapi, refs: RelationRef[]): Promise<{ found: number; codes: Array<string | null> }> {
  if (refs.length === 0) return { found: 0, codes: [] };
  const rows = (await strapi.db.query(ITEM_UID).findMany({
    where: whereRefs(refs),
    select: ['id', 'documentId'],
    populate: { department: { select: ['code'] } },
  })) as Array<Row & { department?: { code: string } | null }>;
  return { found: countFound(refs, rows), codes: rows.map((r) => r.department?.code ?? null) };
}

/** Per referenced policy document: its issuing and co-issuing department codes; and how many references exist. */
export async function policyDepartmentCodes(strapi: Core.Strapi, refs: RelationRef[]): Promise<{ found: number; perPolicy: Array<Set<string>> }> {
  if (refs.length === 0) return { found: 0, perPolicy: [] };
  const rows = (await strapi.db.query(POLICY_UID).findMany({
    where: whereRefs(refs),
    select: ['id', 'documentId'],
    populate: { department: { select: ['code'] }, coIssuingDepartments: { select: ['code'] } },
  })) as Array<Row & { department?: { code: string } | null; coIssuingDepartments?: Array<{ code: string }> }>;
  const byDocument = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = byDocument.get(r.documentId) ?? new Set<string>();
    if (r.department) set.add(r.department.code);
    for (const d of r.coIssuingDepartments ?? []) set.add(d.code);
    byDocument.set(r.documentId, set);
  }
  return { found: countFound(refs, rows), perPolicy: [...byDocument.values()] };
}

/** The documentId of a department by code, in any locale (documentId is shared by all locales). */
export async function departmentDocumentId(strapi: Core.Strapi, code: string): Promise<string | undefined> {
  const row = (await strapi.db.query(DEPARTMENT_UID).findOne({ where: { code }, select: ['documentId'] })) as Row | null;
  return row?.documentId;
}
