// 第四、五条: a specialist's 所属部门 is fixed. Their role reads the department field but may not set
// it (roles.ts), so the content-manager drops the field from the request before the Document
// Service runs, and the department guard would never learn that a request asked for another
// department. This route check keeps such a request refused, with the reason, instead of quietly
// saving to the specialist's own department: an explicit department must be their own.
import type { Core } from '@strapi/strapi';
import { guardData, verbOf } from './department-guard';
import { isScopedUid } from '../content/uids';
import { DEPARTMENT_FIELD } from './roles';
import { currentScope } from './scope';

/** The content-manager admin routes whose body is a document's data (Strapi 5.54). */
const WRITE_HANDLERS = new Set(['collection-types.create', 'collection-types.update', 'collection-types.clone', 'collection-types.publish']);
const ACTIONS: Record<string, string> = {
  'collection-types.create': 'create',
  'collection-types.update': 'update',
  'collection-types.clone': 'clone',
  'collection-types.publish': 'publish',
};

interface KoaContext {
  params: Record<string, string | undefined>;
  request: { body?: unknown };
}
type RouteMiddleware = (ctx: KoaContext, next: () => Promise<unknown>) => Promise<unknown>;
interface RouteLike {
  handler?: unknown;
  config?: { middlewares?: unknown[] };
}


export function departmentFieldCheck(strapi: Core.Strapi): RouteMiddleware {
  return async (ctx, next) => {
    const model = ctx.params.model;
    const body = ctx.request.body;
    if (!model || !isScopedUid(model) || !body || typeof body !== 'object' || !(DEPARTMENT_FIELD in body)) return next();
    const scope = currentScope(strapi);
    if (scope.kind !== 'department') return next();
    const input = (body as Record<string, unknown>)[DEPARTMENT_FIELD];
    if (input === undefined) return next();
    // The same reading and the same refusals as the Document Service guard (department-guard.ts).
    const action = ACTIONS[String((ctx as { state?: { route?: { handler?: unknown } } }).state?.route?.handler ?? '')] ?? 'update';
    await guardData(strapi, model, { [DEPARTMENT_FIELD]: input }, new Set(scope.codes), false, verbOf(strapi, action));
    return next();
  };
}

/** Adds the check to the content-manager's write routes. Call in register, before routes are mounted. */
export function addDepartmentFieldCheck(strapi: Core.Strapi): void {
  const routes = (strapi.plugin('content-manager').routes as Record<string, { routes?: RouteLike[] }>).admin?.routes ?? [];
  const check = departmentFieldCheck(strapi);
  const covered = new Set<string>();
  for (const route of routes) {
    if (typeof route.handler !== 'string' || !WRITE_HANDLERS.has(route.handler)) continue;
    route.config = { ...route.config, middlewares: [...(route.config?.middlewares ?? []), check] };
    covered.add(route.handler);
  }
  // A Strapi upgrade that renames these handlers must not silently drop the check.
  const missing = [...WRITE_HANDLERS].filter((h) => !covered.has(h));
  if (missing.length > 0) throw new Error(`content-manager routes not found: ${missing.join(', ')}; the department field check needs updating for this Strapi version`);
}
