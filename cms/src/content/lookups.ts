// Small read helpers over the database layer (not the Document Service, so the guards never recurse).
import type { Core } from '@strapi/strapi';
import { DEPARTMENT_UID, ITEM_UID, POLICY_UID } from './uids';
import type { RelationRef } from './relations';

type Row = { id: number; documentId: string; locale?: string | null; [key: string]: unknown };

/** References that name a document; an empty one (an unreadable relation entry) is never found. */
function named(refs: RelationRef[]): RelationRef[] {
  return refs.filter((r) => r.documentId !== undefined || r.id !== undefined);
}

function whereRefs(refs: RelationRef[]) {
  // Callers pass only named references, so `$or` is never empty (an empty `$or` would match every row).
  const documentIds = refs.flatMap((r) => (r.documentId ? [r.documentId] : []));
  const ids = refs.flatMap((r) => (r.id !== undefined ? [r.id] : []));
  const or: object[] = [];
  if (documentIds.length) or.push({ documentId: { $in: documentIds } });
  if (ids.length) or.push({ id: { $in: ids } });
  return { $or: or };
}

/** Department codes of the given department references (unknown references are left out). */
export async function departmentCodesOfRefs(strapi: Core.Strapi, refs: RelationRef[]): Promise<{ codes: Set<string>; found: number }> {
  if (named(refs).length === 0) return { codes: new Set(), found: 0 };
  const rows = (await strapi.db.query(DEPARTMENT_UID).findMany({ where: whereRefs(named(refs)), select: ['id', 'documentId', 'code'] })) as Row[];
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
  return refs.filter((r) => (r.documentId !== undefined ? keys.has(r.documentId) : r.id !== undefined && keys.has(String(r.id)))).length;
}

/** The department codes of the referenced items (null for an item without one), and how many references exist. */
export async function itemDepartmentCodes(strapi: Core.Strapi, refs: RelationRef[]): Promise<{ found: number; codes: Array<string | null> }> {
  if (named(refs).length === 0) return { found: 0, codes: [] };
  const rows = (await strapi.db.query(ITEM_UID).findMany({
    where: whereRefs(named(refs)),
    select: ['id', 'documentId'],
    populate: { department: { select: ['code'] } },
  })) as Array<Row & { department?: { code: string } | null }>;
  return { found: countFound(refs, rows), codes: rows.map((r) => r.department?.code ?? null) };
}

/** Per referenced policy document: its issuing and co-issuing department codes; and how many references exist. */
export async function policyDepartmentCodes(strapi: Core.Strapi, refs: RelationRef[]): Promise<{ found: number; perPolicy: Array<Set<string>> }> {
  if (named(refs).length === 0) return { found: 0, perPolicy: [] };
  const rows = (await strapi.db.query(POLICY_UID).findMany({
    where: whereRefs(named(refs)),
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
