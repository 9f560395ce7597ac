// test/cms/rbac-enumeration.test.ts judges the admin routes of the admin and the plugins, and checks
// mounted routes under the admin prefixes only. Routes mounted by strapi.server.routes() elsewhere
// (/api-identity/*) or by the content API escaped that check. Here every mounted route is accounted
// for: an admin definition (judged there), a content-API route (an API token, never an admin login),
// or one of the routes below with the reason a department specialist cannot misuse it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRouteDefinitions, routeKey } from '../../cms/src/access/route-guard.ts';
import { AdminClient, createAdminUser, startCms, type CmsUnderTest } from '../helpers/cms.ts';

const OTHER_ROUTES: Record<string, string> = {
  'GET /_health': 'Strapi’s health check (every method answers 204, no content)',
  'GET /': 'the admin panel’s static files',
  'GET /((?!uploads/).+)': 'the admin panel’s static files',
  'GET /uploads/(.*)': 'uploaded files by their random hashed name (the local upload provider is public by design)',
  'GET /api-identity/jwks.json': 'the public half of the staff-token signing key',
  'POST /api-identity/token': 'an admin login gets a token of its own staff role only (staffClaimsOf)',
  'POST /api-review/confirm': 'an admin login (isAuthenticatedAdmin) confirms a pending 待复核 entry all of whose rows are its own department’s, the office any (staffClaimsOf; test/attack/review-confirm-attack.suite.ts)',
};

describe('every route the CMS mounts is accounted for', () => {
  let cms: CmsUnderTest;
  let finance: AdminClient;
  beforeAll(async () => {
    cms = await startCms('sqlite', 'mounted');
    const f = await createAdminUser(cms.strapi, 'mounted-finance@test.local', 'department-editor-finance');
    finance = await AdminClient.login(cms.url, f.email, f.password);
  });
  afterAll(async () => {
    await cms?.stop();
  });

  it('is an admin definition, a content-API route, or judged here', () => {
    const known = new Set(adminRouteDefinitions(cms.strapi).map((d) => d.key));
    const mounted = (cms.strapi.server.listRoutes() as Array<{ path: string; methods: string[] }>).flatMap((l) =>
      l.methods.filter((m) => m !== 'HEAD').map((m) => ({ key: routeKey(m, l.path), path: l.path })),
    );
    const unjudged = mounted.filter(({ key, path }) => !known.has(key) && !path.startsWith('/api/') && !(key in OTHER_ROUTES) && !path.startsWith('/_health'));
    expect(unjudged.map((u) => u.key)).toEqual([]);
    // Judged routes still exist (a stale list judges nothing).
    for (const key of Object.keys(OTHER_ROUTES)) expect(mounted.map((m) => m.key), key).toContain(key);
    // No content-API route serves department content.
    expect(mounted.filter(({ path }) => /^\/api\/(policies|policy-items|interpretations|hotline-answers)/.test(path))).toEqual([]);
  });

  it('the content API does not accept a department specialist’s admin login', async () => {
    for (const path of ['/api/upload/files', '/api/content-type-builder/content-types', '/api/i18n/locales']) {
      const res = await finance.request('GET', path);
      expect([401, 403], `${path}: ${res.status}`).toContain(res.status);
    }
  });
});
