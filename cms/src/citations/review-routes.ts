// Reviewing (待复核 → 已复核): the department's specialist (their own entries) or the office (any)
// confirms a flagged 口径 or interpretation, after editing it in the admin where needed.
//   POST /api-review/confirm { type: 'hotline_answer' | 'interpretation', documentId }
// Records who and when, clears the flag, and moves the citations on to the items' current revisions;
// the entry's outbox row (same transaction) brings the cleared flag to the answer card.
import type { Core } from '@strapi/strapi';
import { departmentCodesOfDocument } from '../content/lookups';
import { ANSWER_UID, INTERPRETATION_UID } from '../content/uids';
import { staffClaimsOf } from '../identity/staff-claims';
import { outboxQuery } from '../outbox/outbox-table';
import { CITATION_FIELD, publishedVersions, type CitedVersions, type CitingUid } from './cited-items';

export const REVIEW_CONFIRM_PATH = '/api-review/confirm';

const TYPES: Record<string, CitingUid> = { hotline_answer: ANSWER_UID, interpretation: INTERPRETATION_UID };

interface KoaLikeContext {
  state: { user?: { id: number | string; firstname?: string | null; lastname?: string | null; email?: string | null; roles?: Array<{ code?: string | null }> } };
  request: { body?: unknown };
  body: unknown;
  status: number;
  set(name: string, value: string): void;
  forbidden(message: string): void;
  unauthorized(message: string): void;
}

function refuse(ctx: KoaLikeContext, status: 400 | 409, field: string, message: string) {
  const [name, code] = status === 400 ? ['ValidationError', 'BAD_USER_INPUT'] : ['ConflictError', 'CONFLICT'];
  ctx.status = status;
  ctx.body = { error: { status, name, message, details: { errors: [{ path: [field], message, code }] } } };
}

const badRequest = (ctx: KoaLikeContext, field: string, message: string) => refuse(ctx, 400, field, message);

/**
 * Records the review of a pending entry; null when the entry is not pending (already confirmed, never
 * flagged): a replayed or concurrent confirmation changes nothing, so who reviewed when stays true.
 */
export async function confirmReview(strapi: Core.Strapi, uid: CitingUid, documentId: string, reviewer: string, now = new Date()) {
  const field = CITATION_FIELD[uid].field;
  return strapi.db.transaction(async ({ trx }) => {
    const rows = (await strapi.db.query(uid).findMany({
      where: { documentId },
      select: ['id', 'publishedAt'],
      populate: { [field]: { select: ['documentId'] } },
    })) as Array<{ publishedAt?: unknown } & Record<string, unknown>>;
    const published = rows.filter((r) => r.publishedAt);
    const ids = [...new Set((published.length ? published : rows).flatMap((r) => ((r[field] as Array<{ documentId: string }> | undefined) ?? []).map((i) => i.documentId)))];
    const versions = await publishedVersions(strapi, ids);
    const cited: CitedVersions = Object.fromEntries([...versions.entries()]);
    // Only while pending: of two confirmations racing, the second updates nothing (row lock, then re-check).
    const { count } = await strapi.db.query(uid).updateMany({
      where: { documentId, reviewStatus: 'pending' },
      data: { reviewStatus: 'current', reviewReason: null, flaggedAt: null, reviewedAt: now, reviewedBy: reviewer, citedVersions: cited },
    });
    if (!count) return null;
    await outboxQuery(strapi, trx).insert({ uid, document_id: documentId, locale: null, action: 'review', created_at: Date.now() });
    return { documentId, reviewedAt: now.toISOString(), reviewedBy: reviewer, citedVersions: cited };
  });
}

export function registerReviewRoutes(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    routes: [
      {
        method: 'POST',
        path: REVIEW_CONFIRM_PATH,
        handler: async (ctx: KoaLikeContext) => {
          const user = ctx.state.user;
          if (!user) return ctx.unauthorized('请先登录');
          const claims = staffClaimsOf(user.roles ?? []);
          if (!claims || (claims.role !== 'office' && claims.role !== 'department')) return ctx.forbidden('只有区企服办和部门企业服务专员可以复核口径');
          const body = (ctx.request.body ?? {}) as { type?: unknown; documentId?: unknown };
          // Own keys only: 'constructor' or '__proto__' must not reach the database as a uid.
          const uid = typeof body.type === 'string' && Object.hasOwn(TYPES, body.type) ? TYPES[body.type] : undefined;
          if (!uid) return badRequest(ctx, 'type', 'type 必须是 hotline_answer（热线口径）或 interpretation（政策解读）');
          if (typeof body.documentId !== 'string' || body.documentId === '') return badRequest(ctx, 'documentId', '请指明要复核的口径（documentId）');
          // Every row counts (draft, published, locales), as for editing (department-guard.ts): a 口径 whose
          // draft was moved to another department is no longer one department's alone; the office confirms it.
          const { exists, codes } = await departmentCodesOfDocument(strapi, uid, body.documentId);
          if (!exists) return badRequest(ctx, 'documentId', '要复核的口径不存在');
          if (claims.role === 'department' && [...codes].some((code) => code !== claims.department)) return ctx.forbidden('该口径属于其他部门，无权复核');
          const reviewer = [[user.firstname, user.lastname].filter(Boolean).join(' '), user.email ? `<${user.email}>` : ''].filter(Boolean).join(' ') || `cms-user:${user.id}`;
          ctx.set('cache-control', 'no-store');
          const confirmed = await confirmReview(strapi, uid, body.documentId, reviewer);
          if (!confirmed) return refuse(ctx, 409, 'documentId', '该口径不在待复核状态（已复核或未被标记），无需确认');
          ctx.body = confirmed;
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as never);
}
