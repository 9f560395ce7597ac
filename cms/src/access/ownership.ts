// Which rows belong to a department, read through the database layer (never the Document Service,
// so the guards do not recurse). A policy also belongs to its co-issuing departments (联合发文).
import type { Core } from '@strapi/strapi';
import { POLICY_UID, isScopedUid } from '../content/uids';
import { departmentRoleCode } from './roles';

type Query = ReturnType<Core.Strapi['db']['query']>;
const query = (strapi: Core.Strapi, uid: string): Query => strapi.db.query(uid as typeof POLICY_UID);

interface OwnedRow {
  id: number;
  documentId: string;
  publishedAt?: string | null;
  department?: { code: string } | null;
  coIssuingDepartments?: Array<{ code: string }>;
}

/** The ids (of the given rows of a department-owned type) that belong to one of `own`. */
export async function ownRowIds(strapi: Core.Strapi, uid: string, ids: readonly number[], own: ReadonlySet<string>): Promise<Set<number>> {
  if (ids.length === 0 || !isScopedUid(uid)) return new Set();
  const populate: Record<string, unknown> = { department: { select: ['code'] } };
  if (uid === POLICY_UID) populate.coIssuingDepartments = { select: ['code'] };
  const rows = (await query(strapi, uid).findMany({ where: { id: { $in: [...ids] } }, select: ['id'], populate })) as OwnedRow[];
  return new Set(rows.filter((r) => belongs(r, own)).map((r) => r.id));
}

function belongs(row: OwnedRow, own: ReadonlySet<string>): boolean {
  if (row.department && own.has(row.department.code)) return true;
  return (row.coIssuingDepartments ?? []).some((d) => own.has(d.code));
}

export interface ResolvedRef { documentId: string; own: boolean; published: boolean }

/**
 * Resolves relation references (documentId or row id) of a department-owned type to documents:
 * whether each belongs to `own` in any version, and whether a published version exists.
 * Unknown references are left out, so callers compare the count.
 */
export async function resolveRefs(
  strapi: Core.Strapi,
  uid: string,
  refs: ReadonlyArray<{ documentId?: string; id?: number }>,
  own: ReadonlySet<string>,
): Promise<Map<string, ResolvedRef> & { unknown: number }> {
  const documentIds = refs.flatMap((r) => (r.documentId ? [r.documentId] : []));
  const ids = refs.flatMap((r) => (r.id !== undefined ? [r.id] : []));
  const byId = ids.length
    ? ((await query(strapi, uid).findMany({ where: { id: { $in: ids } }, select: ['id', 'documentId'] })) as OwnedRow[])
    : [];
  const idToDocument = new Map(byId.map((r) => [r.id, r.documentId]));
  const wanted = [...new Set([...documentIds, ...byId.map((r) => r.documentId)])];
  const populate: Record<string, unknown> = { department: { select: ['code'] } };
  if (uid === POLICY_UID) populate.coIssuingDepartments = { select: ['code'] };
  const rows = wanted.length
    ? ((await query(strapi, uid).findMany({ where: { documentId: { $in: wanted } }, select: ['id', 'documentId', 'publishedAt'], populate })) as OwnedRow[])
    : [];
  const result = new Map<string, ResolvedRef>() as Map<string, ResolvedRef> & { unknown: number };
  for (const row of rows) {
    const prev = result.get(row.documentId);
    // A document is own only when every version is: a version moved to another department is not.
    result.set(row.documentId, {
      documentId: row.documentId,
      own: (prev?.own ?? true) && belongs(row, own),
      published: (prev?.published ?? false) || Boolean(row.publishedAt),
    });
  }
  const known = new Set(rows.map((r) => r.documentId));
  result.unknown = refs.filter((r) => !known.has(r.documentId ?? idToDocument.get(r.id ?? -1) ?? '')).length;
  return result;
}

interface MediaRow { id: number; path?: string | null; folderPath?: string; createdBy?: { id: number; roles?: Array<{ code?: string | null }> } | null }

/**
 * Media belong to the department whose specialist uploaded them: the creator holds that
 * department's editor role (the same rule as the media library's "same role as creator" condition).
 */
export async function ownMediaIds(strapi: Core.Strapi, uid: 'plugin::upload.file' | 'plugin::upload.folder', ids: readonly number[], own: ReadonlySet<string>): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = (await query(strapi, uid).findMany({
    where: { id: { $in: [...ids] } },
    select: ['id'],
    populate: { createdBy: { select: ['id'], populate: { roles: { select: ['code'] } } } },
  })) as MediaRow[];
  return new Set(rows.filter((r) => mediaBelongs(r, own)).map((r) => r.id));
}

function mediaBelongs(row: MediaRow, own: ReadonlySet<string>): boolean {
  const codes = new Set([...own].map(departmentRoleCode));
  return (row.createdBy?.roles ?? []).some((role) => codes.has(role.code ?? ''));
}

/** Every file and sub-folder inside the given folders (a folder's path is a prefix of theirs). */
export async function folderContents(strapi: Core.Strapi, folderIds: readonly number[]): Promise<{ files: number[]; folders: number[] }> {
  if (folderIds.length === 0) return { files: [], folders: [] };
  const folders = (await query(strapi, 'plugin::upload.folder').findMany({ where: { id: { $in: [...folderIds] } }, select: ['id', 'path'] })) as MediaRow[];
  const files: number[] = [];
  const subfolders: number[] = [];
  for (const folder of folders) {
    if (!folder.path) continue;
    const inside = [{ path: folder.path }, { path: { $startsWith: `${folder.path}/` } }];
    const fs = (await query(strapi, 'plugin::upload.file').findMany({ where: { $or: [{ folderPath: folder.path }, { folderPath: { $startsWith: `${folder.path}/` } }] }, select: ['id'] })) as MediaRow[];
    const ds = (await query(strapi, 'plugin::upload.folder').findMany({ where: { $or: inside }, select: ['id'] })) as MediaRow[];
    files.push(...fs.map((r) => r.id));
    subfolders.push(...ds.map((r) => r.id));
  }
  return { files, folders: subfolders };
}
