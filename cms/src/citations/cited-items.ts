// 热线口径 and interpretations cite policy items at a version: the item's published revision, i.e. its
// latest publication time over its locales (the same definition the api uses for final petition
// answers, api/src/petitions/handling/policy-catalog.ts). The versions an entry was last checked
// against are kept on the entry (`citedVersions`, { itemDocumentId: ISO time }), so the answer card can
// say which version it cites and whether that is still the item's current one.
import type { Core } from '@strapi/strapi';
import { ANSWER_UID, INTERPRETATION_UID, ITEM_UID } from '../content/uids';
import { linkedRefs } from '../content/relations';

export type CitingUid = typeof ANSWER_UID | typeof INTERPRETATION_UID;
export const CITING_UIDS: readonly CitingUid[] = [ANSWER_UID, INTERPRETATION_UID];

/** The relation of each citing type that names the cited items, with its Chinese label. */
export const CITATION_FIELD: Record<CitingUid, { field: string; label: string }> = {
  [ANSWER_UID]: { field: 'relatedItems', label: '相关政策条目' },
  [INTERPRETATION_UID]: { field: 'items', label: '涉及条目' },
};

export function isCitingUid(uid: string): uid is CitingUid {
  return (CITING_UIDS as readonly string[]).includes(uid);
}

export type CitedVersions = Record<string, string>;

export function toIso(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The current published revision of each item that is published (absent ids are not). */
export async function publishedVersions(strapi: Core.Strapi, documentIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (documentIds.length === 0) return out;
  const rows = (await strapi.db.query(ITEM_UID).findMany({
    where: { documentId: { $in: [...new Set(documentIds)] }, publishedAt: { $notNull: true } },
    select: ['documentId', 'publishedAt'],
  })) as Array<{ documentId: string; publishedAt: unknown }>;
  for (const r of rows) {
    const iso = toIso(r.publishedAt);
    if (iso && (!out.has(r.documentId) || out.get(r.documentId)! < iso)) out.set(r.documentId, iso);
  }
  return out;
}

export interface CitationProblem { field: string; code: 'CITATION_NOT_FOUND' | 'CITATION_NOT_PUBLISHED'; message: string }

/**
 * 第四条: an answer may only cite what is published. The items a write links (any relation input
 * shape) must exist and have a published version; each problem names the field, in Chinese.
 */
export async function citationProblems(strapi: Core.Strapi, uid: CitingUid, data: Record<string, unknown>): Promise<CitationProblem[]> {
  const { field, label } = CITATION_FIELD[uid];
  if (!(field in data)) return [];
  const refs = linkedRefs(data[field]);
  if (refs.length === 0) return [];
  const problems: CitationProblem[] = [];
  const documentIds = new Set<string>();
  const rowIds = refs.flatMap((r) => (r.documentId === undefined && r.id !== undefined ? [r.id] : []));
  const byRowId = new Map<number, string>();
  if (rowIds.length) {
    const rows = (await strapi.db.query(ITEM_UID).findMany({ where: { id: { $in: rowIds } }, select: ['id', 'documentId'] })) as Array<{ id: number; documentId: string }>;
    for (const r of rows) byRowId.set(r.id, r.documentId);
  }
  for (const r of refs) {
    const documentId = r.documentId ?? (r.id !== undefined ? byRowId.get(r.id) : undefined);
    if (documentId) documentIds.add(documentId);
    else problems.push({ field, code: 'CITATION_NOT_FOUND', message: `${label}中有不存在的政策条目（${r.id ?? '未注明'}），请重新选择` });
  }
  if (documentIds.size === 0) return problems;
  const rows = (await strapi.db.query(ITEM_UID).findMany({
    where: { documentId: { $in: [...documentIds] } },
    select: ['documentId', 'title', 'itemCode', 'publishedAt'],
  })) as Array<{ documentId: string; title?: string; itemCode?: string; publishedAt?: unknown }>;
  for (const documentId of documentIds) {
    const versions = rows.filter((r) => r.documentId === documentId);
    if (versions.length === 0) problems.push({ field, code: 'CITATION_NOT_FOUND', message: `${label}中的政策条目（${documentId}）不存在，请重新选择` });
    else if (!versions.some((v) => v.publishedAt)) {
      const named = versions[0]!;
      problems.push({
        field,
        code: 'CITATION_NOT_PUBLISHED',
        message: `${label}中的「${named.title ?? ''}」（${named.itemCode ?? documentId}）尚未发布，只能引用已发布的政策条目`,
      });
    }
  }
  return problems;
}
