// The admin home page shows whole-CMS figures. A department specialist sees their department's
// content (第四、五条), not how many entries other departments keep, nor the admins and API tokens.
import type { Core } from '@strapi/strapi';
import { DEPARTMENT_SCOPED_UIDS } from '../content/uids';
import { refuse } from './refusal';
import type { RouteCoverage, RouteGuard } from './route-guard';

interface VersionRow { documentId: string; publishedAt: string | Date | null; updatedAt: string | Date | null }
const time = (v: string | Date | null) => (v === null ? -Infinity : new Date(v).getTime());

/**
 * The content-manager's draft / published / modified buckets, over the department's documents only.
 * A document without a published version is a draft; one whose draft was saved after publishing is
 * modified (the same rule as the content-manager's own count).
 */
export async function departmentDocumentCounts(strapi: Core.Strapi, own: ReadonlySet<string>) {
  const counts = { draft: 0, published: 0, modified: 0 };
  for (const uid of DEPARTMENT_SCOPED_UIDS) {
    const rows = (await strapi.db.query(uid).findMany({
      where: { department: { code: { $in: [...own] } } },
      select: ['documentId', 'publishedAt', 'updatedAt'],
    })) as VersionRow[];
    const byDocument = new Map<string, { draft: number; published: number | undefined }>();
    for (const r of rows) {
      const d = byDocument.get(r.documentId) ?? { draft: -Infinity, published: undefined };
      if (r.publishedAt === null) d.draft = Math.max(d.draft, time(r.updatedAt));
      else d.published = Math.max(d.published ?? -Infinity, time(r.updatedAt));
      byDocument.set(r.documentId, d);
    }
    for (const d of byDocument.values()) {
      if (d.published === undefined) counts.draft += 1;
      else if (d.draft === d.published) counts.published += 1;
      else counts.modified += 1;
    }
  }
  return counts;
}

const countDocuments: RouteGuard = async (ctx, own, _next, strapi) => {
  ctx.body = { data: await departmentDocumentCounts(strapi, own) };
};

const keyStatistics: RouteGuard = async () =>
  refuse('项目统计（全部条目、文件、管理员和 API 令牌的数量）只向区企服办和超级管理员开放', 'homepage');

export const HOMEPAGE_ROUTES: Readonly<Record<string, RouteCoverage>> = {
  'GET /admin/homepage/key-statistics': { guard: keyStatistics, why: 'counts every file, admin, webhook and API token of the CMS' },
  'GET /content-manager/homepage/count-documents': { guard: countDocuments, why: 'counts every document by raw SQL, without the department filter' },
  'GET /content-manager/homepage/recent-documents': {
    harmless: 'reads through strapi.documents().findMany, which the department guard filters to the department',
  },
  'GET /admin/homepage/layout': { harmless: 'the caller’s own widget layout' },
  'PUT /admin/homepage/layout': { harmless: 'the caller’s own widget layout' },
};
