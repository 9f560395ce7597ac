// The CMS as the staff identity provider:
//   GET  /api-identity/jwks.json  public keys (public, cacheable)
//   POST /api-identity/token      an api token for the logged-in admin user (admin session required)
import type { Core } from '@strapi/strapi';
import { cmsEnv } from '../env';
import { loadOrCreateSigningKey, type SigningKey } from './key-store';
import { staffClaimsOf } from './staff-claims';
import { issueStaffToken, jwks } from './token-issuer';

export const JWKS_PATH = '/api-identity/jwks.json';
export const TOKEN_PATH = '/api-identity/token';

const keys = new Map<string, Promise<SigningKey>>();

/** One key per data directory, loaded (or generated) once per process. */
export function signingKey(dataDir: string): Promise<SigningKey> {
  let key = keys.get(dataDir);
  if (!key) {
    key = loadOrCreateSigningKey(dataDir);
    keys.set(dataDir, key);
    key.catch(() => keys.delete(dataDir));
  }
  return key;
}

interface KoaLikeContext {
  state: { user?: { id: number | string; firstname?: string | null; lastname?: string | null; roles?: Array<{ code?: string | null }> } };
  body: unknown;
  set(name: string, value: string): void;
  forbidden(message: string): void;
  unauthorized(message: string): void;
}

export function registerIdentityRoutes(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    routes: [
      {
        method: 'GET',
        path: JWKS_PATH,
        handler: async (ctx: KoaLikeContext) => {
          ctx.set('cache-control', 'public, max-age=300');
          ctx.body = jwks(await signingKey(cmsEnv().dataDir));
        },
        config: { auth: false },
      },
      {
        method: 'POST',
        path: TOKEN_PATH,
        handler: async (ctx: KoaLikeContext) => {
          const user = ctx.state.user;
          if (!user) return ctx.unauthorized('请先登录 (log in first)');
          const claims = staffClaimsOf(user.roles ?? []);
          if (!claims) return ctx.forbidden('该账号没有工作台角色（区企服办、部门专员、96871 热线坐席或领导小组）');
          const env = cmsEnv();
          const issued = await issueStaffToken(await signingKey(env.dataDir), env.identity.issuer, `cms-user:${user.id}`, claims);
          ctx.set('cache-control', 'no-store');
          ctx.body = {
            ...issued,
            ...claims,
            name: [user.firstname, user.lastname].filter(Boolean).join(' '),
            apiUrl: env.identity.apiUrl,
          };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as never);
}
