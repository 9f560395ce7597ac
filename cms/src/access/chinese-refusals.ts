// Refusals in Chinese where Strapi's own permission check answers first. For delete and the bulk
// actions (发布 / 取消发布 / 删除) on entries of another department, the content manager checks the
// "belongs to my department" condition on the entries it loads and answers 403 "Forbidden" before
// the department guard (department-guard.ts) sees the call. This middleware leaves that decision
// exactly as it is (same status, nothing changed, it runs after the controller) and only rewrites
// the English "Forbidden" into the sentence a specialist reads for a guard refusal: the action, the
// other department by its Chinese name, and their own department.
// 第四、五条: each department maintains its own policies.
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { departmentNames } from '../content/department-names';
import { departmentCodesOfDocument } from '../content/lookups';
import { ANSWER_UID, INTERPRETATION_UID, ITEM_UID, POLICY_UID, isScopedUid, type ScopedUid } from '../content/uids';
import { verbOf } from './department-guard';
import { adminRouteDefinitions } from './route-guard';
import { currentScope } from './scope';

const REFUSAL_MARK = Symbol.for('zone.chinese-refusal');
const COLLECTION_ROUTES = '/content-manager/collection-types/:model';

const TYPE_NAMES: Record<ScopedUid, string> = {
  [POLICY_UID]: '政策文件',
  [ITEM_UID]: '政策条目',
  [INTERPRETATION_UID]: '政策解读',
  [ANSWER_UID]: '热线口径',
};

interface ErrorBody {
  data?: unknown;
  error?: { status?: number; name?: string; message?: string; details?: unknown };
}

/** The documents a content-manager request names: the :id of the path, or the bulk body's documentIds. */
function namedDocuments(ctx: Context): string[] {
  const params = (ctx as unknown as { params?: Record<string, unknown> }).params ?? {};
  const body = (ctx.request as unknown as { body?: { documentIds?: unknown } }).body;
  const ids = Array.isArray(body?.documentIds) ? body.documentIds : typeof params.id === 'string' ? [params.id] : [];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
}

/** The Chinese sentence for Strapi's 403 on a department editor's request; the path names the field. */
export async function refusalInChinese(strapi: Core.Strapi, uid: ScopedUid, own: readonly string[], documentIds: string[], verb: string) {
  const ownNames = departmentNames(own);
  const type = TYPE_NAMES[uid];
  const others = new Set<string | null>();
  for (const documentId of documentIds) {
    const { codes } = await departmentCodesOfDocument(strapi, uid, documentId);
    for (const code of codes) if (code === null || !own.includes(code)) others.add(code);
  }
  if (others.size > 0) {
    const which = documentIds.length > 1 ? `所选${type}中有属于${departmentNames(others)}的` : `该${type}属于${departmentNames(others)}`;
    return `无权${verb}：${which}，只能${verb}本部门（${ownNames}）的内容`;
  }
  return `无权${verb}：本账户没有${verb}${type}的权限（本部门：${ownNames}）`;
}

function chineseRefusals(strapi: Core.Strapi) {
  const middleware = async (ctx: Context, next: Next) => {
    await next();
    if (ctx.status !== 403) return;
    const body = ctx.body as ErrorBody | undefined;
    // Our own refusals (PolicyError) are already in Chinese; only Strapi's bare 403 is rewritten.
    if (!body?.error || body.error.name === 'PolicyError') return;
    const uid = String((ctx as unknown as { params?: Record<string, unknown> }).params?.model ?? '');
    if (!isScopedUid(uid)) return;
    const scope = currentScope(strapi);
    if (scope.kind !== 'department') return;
    const documentIds = namedDocuments(ctx);
    const message = await refusalInChinese(strapi, uid, scope.codes, documentIds, verbOf(strapi, ctx.method === 'GET' ? 'findOne' : ctx.method === 'POST' ? 'create' : ''));
    const path = Array.isArray((ctx.request as unknown as { body?: { documentIds?: unknown } }).body?.documentIds) ? 'documentIds' : 'documentId';
    ctx.body = {
      data: null,
      error: { status: 403, name: 'PolicyError', message, details: { code: 'DEPARTMENT_SCOPE', errors: [{ path: [path], message, name: 'ForbiddenError' }] } },
    };
    ctx.status = 403;
  };
  Object.defineProperty(middleware, REFUSAL_MARK, { value: true });
  return middleware;
}

/** Runs in register(), like the route guards: on every content-manager route of a collection type. */
export function installChineseRefusals(strapi: Core.Strapi): void {
  const middleware = chineseRefusals(strapi);
  for (const { key, route } of adminRouteDefinitions(strapi)) {
    if (!key.split(' ')[1]!.startsWith(COLLECTION_ROUTES)) continue;
    route.config = route.config ?? {};
    // Route definitions are shared by every Strapi of the process (tests start several): replace, never stack.
    const others = (route.config.middlewares ?? []).filter((m) => !(typeof m === 'function' && REFUSAL_MARK in m));
    route.config.middlewares = [middleware, ...others];
  }
}
