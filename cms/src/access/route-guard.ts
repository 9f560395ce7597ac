// Route-level guards for the admin HTTP API. Strapi's admin RBAC decides whether a role may call a
// route at all; some routes then read or write beyond the caller's department (media bulk actions,
// folders, the home page's whole-CMS figures). Each such route gets a guard that runs after Strapi has
// authenticated the caller and before the controller. Office and super admins pass untouched.
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { currentScope } from './scope';

export type RouteGuard = (ctx: Context, own: ReadonlySet<string>, next: Next, strapi: Core.Strapi) => Promise<unknown>;

/** A route is either guarded, or listed as harmless for department editors with the reason. */
export type RouteCoverage = { guard: RouteGuard; why: string } | { harmless: string };

/** Marks the middlewares this module installs, so the enumeration test can find them on live routes. */
export const ROUTE_GUARD_MARK = Symbol.for('zone.department-route-guard');

export interface RouteDefinition {
  method: string;
  path: string;
  handler?: unknown;
  config?: { auth?: false | object; policies?: unknown[]; middlewares?: unknown[] };
}

export function routeKey(method: string, fullPath: string): string {
  const path = fullPath.length > 1 ? fullPath.replace(/\/+$/, '') : fullPath;
  return `${method.toUpperCase()} ${path}`;
}

interface RouterLike { type?: string; prefix?: string; routes?: RouteDefinition[] }

/**
 * Every admin-type route definition of the admin and of each plugin, keyed as `METHOD /prefix/path`,
 * with the prefixes Strapi gives them when it mounts them. Content API routers are left out: they
 * serve published content and are not reached with an admin login.
 */
export function adminRouteDefinitions(strapi: Core.Strapi): Array<{ key: string; route: RouteDefinition }> {
  const out: Array<{ key: string; route: RouteDefinition }> = [];
  const add = (router: RouterLike, defaultPrefix: string) => {
    if ((router.type ?? 'admin') !== 'admin' || !Array.isArray(router.routes)) return;
    const prefix = router.prefix ?? defaultPrefix;
    for (const route of router.routes) out.push({ key: routeKey(route.method, `${prefix}${route.path}`), route });
  };
  for (const router of Object.values(strapi.admin.routes as unknown as Record<string, RouterLike>)) {
    if (router && typeof router === 'object') add(router, '/admin');
  }
  for (const [name, plugin] of Object.entries(strapi.plugins as Record<string, { routes?: unknown }>)) {
    const routes = plugin.routes;
    if (Array.isArray(routes)) add({ type: 'admin', routes: routes as RouteDefinition[] }, `/${name}`);
    else if (routes && typeof routes === 'object') {
      for (const router of Object.values(routes as Record<string, RouterLike>)) {
        if (router && typeof router === 'object') add(router, `/${name}`);
      }
    }
  }
  return out;
}

/** Runs in register(): Strapi mounts routes during bootstrap, with the middlewares found on them then. */
export function installRouteGuards(strapi: Core.Strapi, coverage: Readonly<Record<string, RouteCoverage>>): void {
  for (const { key, route } of adminRouteDefinitions(strapi)) {
    const entry = coverage[key];
    if (!entry || !('guard' in entry)) continue;
    const guard = entry.guard;
    const middleware = async (ctx: Context, next: Next) => {
      const scope = currentScope(strapi);
      if (scope.kind !== 'department') return next();
      return guard(ctx, new Set(scope.codes), next, strapi);
    };
    Object.defineProperty(middleware, ROUTE_GUARD_MARK, { value: key });
    route.config = route.config ?? {};
    // Route definitions are module-level objects, shared by every Strapi started in this process
    // (tests start several): replace the guard of an earlier instance instead of stacking on it.
    const others = (route.config.middlewares ?? []).filter((m) => !(typeof m === 'function' && ROUTE_GUARD_MARK in m));
    route.config.middlewares = [middleware, ...others];
  }
}
