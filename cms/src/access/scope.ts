// Who is acting on a document right now. Department editors are restricted to their department;
// the office, super admins and the system itself (bootstrap, import, workers) are not.
import type { Core } from '@strapi/strapi';
import { departmentCodesOf, isUnrestricted } from './roles';

export type EditorScope =
  | { kind: 'system' }
  | { kind: 'office'; userId: number | string }
  | { kind: 'department'; userId: number | string; codes: readonly string[] };

interface RequestState {
  state?: { user?: { id: number | string; roles?: Array<{ code?: string | null }> }; auth?: { strategy?: { name?: string } } };
}

export function currentScope(strapi: Core.Strapi): EditorScope {
  const ctx = strapi.requestContext.get() as RequestState | undefined;
  const user = ctx?.state?.user;
  if (!ctx || !user) return { kind: 'system' };
  if (ctx.state?.auth?.strategy?.name && ctx.state.auth.strategy.name !== 'admin') {
    // Content API tokens are not issued for department content; treat them as the narrowest scope.
    return { kind: 'department', userId: user.id, codes: [] };
  }
  if (isUnrestricted(user)) return { kind: 'office', userId: user.id };
  return { kind: 'department', userId: user.id, codes: departmentCodesOf(user) };
}
