// Coverage by construction: everything a department specialist could reach is enumerated from Strapi
// itself (content-type attributes, the admin and plugin route definitions, the mounted router, the
// roles' permissions) and compared with the registries the guards enforce. A relation or an admin
// route added by a model change or a Strapi upgrade fails here until it has a rule or a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELATION_COVERAGE } from '../../cms/src/access/relation-guard.ts';
import { ROUTE_COVERAGE } from '../../cms/src/access/route-coverage.ts';
import { ROUTE_GUARD_MARK, adminRouteDefinitions, routeKey } from '../../cms/src/access/route-guard.ts';
import { DEPARTMENT_UID, ITEM_RELATION_FIELDS, OWNING_POLICY_FIELDS, isScopedUid } from '../../cms/src/content/uids.ts';
import { startCms, type CmsUnderTest } from '../helpers/cms.ts';

const FILE_UID = 'plugin::upload.file';
interface Attribute { type: string; target?: string; relation?: string; mappedBy?: string; inversedBy?: string }

describe('every relation and admin route a department editor can reach is covered', () => {
  let cms: CmsUnderTest;
  beforeAll(async () => {
    cms = await startCms('sqlite', 'enumeration');
  });
  afterAll(async () => {
    await cms?.stop();
  });

  const schemas = () => ({
    ...(cms.strapi.contentTypes as unknown as Record<string, { attributes: Record<string, Attribute> }>),
    ...(cms.strapi.components as unknown as Record<string, { attributes: Record<string, Attribute> }>),
  });

  it('has a rule for every relation and media attribute of department content, and every relation into it', () => {
    const enumerated: string[] = [];
    for (const [uid, schema] of Object.entries(schemas())) {
      for (const [field, attribute] of Object.entries(schema.attributes)) {
        if (attribute.type !== 'relation' && attribute.type !== 'media') continue;
        const intoScoped = attribute.target !== undefined && isScopedUid(attribute.target);
        if (isScopedUid(uid) || intoScoped) enumerated.push(`${uid}.${field}`);
      }
    }
    const registered = Object.entries(RELATION_COVERAGE).flatMap(([uid, fields]) => Object.keys(fields).map((f) => `${uid}.${f}`));
    // Both directions: nothing unruled, nothing stale. The inverse side policy.items is an attribute of its own.
    expect(enumerated.filter((k) => !registered.includes(k))).toEqual([]);
    expect(registered.filter((k) => !enumerated.includes(k))).toEqual([]);
    expect(enumerated).toContain('api::policy.policy.items');
  });

  it('gives each relation a rule that fits its kind', () => {
    const all = schemas();
    for (const [uid, fields] of Object.entries(RELATION_COVERAGE)) {
      for (const [field, { rule, why }] of Object.entries(fields)) {
        const attribute = all[uid]!.attributes[field]!;
        expect(why.length, `${uid}.${field}`).toBeGreaterThan(10);
        const target = attribute.target ?? '';
        switch (rule) {
          case 'department':
            expect(field).toBe('department');
            expect(target).toBe(DEPARTMENT_UID);
            break;
          case 'owning-policy':
            expect(OWNING_POLICY_FIELDS[uid as keyof typeof OWNING_POLICY_FIELDS]).toContain(field);
            break;
          case 'own':
          case 'own-or-published':
            // Relations into department content: the target's department decides.
            expect(isScopedUid(target), `${uid}.${field}`).toBe(true);
            break;
          case 'own-media':
            expect(attribute.type).toBe('media');
            break;
          case 'reference':
            expect(target).toBe(DEPARTMENT_UID);
            break;
          case 'system':
            expect(target).toBe('admin::user');
            break;
          case 'same-document':
            expect(target).toBe(uid);
            break;
        }
      }
    }
    // The department guard's own lists are rules here too, never weaker.
    for (const [uid, fields] of Object.entries(ITEM_RELATION_FIELDS)) {
      for (const f of fields) expect(RELATION_COVERAGE[uid]![f]!.rule).toBe('own');
    }
    // Media attributes anywhere outside department content would escape the media guard.
    for (const [uid, schema] of Object.entries(all)) {
      if (uid.startsWith('api::') && !isScopedUid(uid)) {
        expect(Object.values(schema.attributes).filter((a) => a.type === 'media' || a.target === FILE_UID), uid).toEqual([]);
      }
    }
  });

  it('keeps true the facts the harmless-route reasons rely on', () => {
    const apiTypes = Object.entries(cms.strapi.contentTypes as unknown as Record<string, { kind: string; attributes: Record<string, Attribute> }>).filter(([uid]) => uid.startsWith('api::'));
    // 'the model has no uid attributes' (uid generate / check-availability)
    expect(apiTypes.flatMap(([uid, s]) => Object.entries(s.attributes).filter(([, a]) => a.type === 'uid').map(([f]) => `${uid}.${f}`))).toEqual([]);
    // 'the model has no single types' (single-type routes, AI localization jobs of single types)
    expect(apiTypes.filter(([, s]) => s.kind === 'singleType').map(([uid]) => uid)).toEqual([]);
    // 'components hold no entries of their own': each component is stored inside department content only
    // (so the Document Service guards read and write it with the entry), and links to nothing.
    const components = cms.strapi.components as unknown as Record<string, { attributes: Record<string, Attribute> }>;
    for (const [uid, component] of Object.entries(components)) {
      expect(Object.entries(component.attributes).filter(([, a]) => a.type === 'relation' || a.type === 'media').map(([f]) => f), uid).toEqual([]);
      const users = apiTypes.filter(([, s]) => Object.values(s.attributes).some((a) => (a as { component?: string }).component === uid)).map(([t]) => t);
      expect(users.filter((t) => !isScopedUid(t)), uid).toEqual([]);
    }
    // 'preview is not configured'
    expect(cms.strapi.config.get('admin.preview.enabled', false)).toBe(false);
  });

  it('has a guard or a reason for every admin route a department role is not refused by Strapi', async () => {
    const strapi = cms.strapi;
    const held = new Set(
      ((await strapi.db.query('admin::permission').findMany({
        where: { role: { code: { $startsWith: 'department-editor-' } } },
        select: ['action'],
      })) as Array<{ action: string }>).map((p) => p.action),
    );
    expect(held.has('plugin::content-manager.explorer.read')).toBe(true);

    const definitions = adminRouteDefinitions(strapi);
    const refusedByStrapi = (policies: unknown[] = []) =>
      policies.some((p) => {
        const policy = p as { name?: string; config?: { actions?: string[] } };
        return /hasPermissions$/.test(policy.name ?? '') && (policy.config?.actions ?? []).length > 0 && policy.config!.actions!.every((a) => !held.has(a));
      });
    const reachable = definitions.filter(({ route }) => route.config?.auth !== false && !refusedByStrapi(route.config?.policies));
    const uncovered = reachable.map((d) => d.key).filter((k) => !(k in ROUTE_COVERAGE));
    expect(uncovered).toEqual([]);
    const known = new Set(definitions.map((d) => d.key));
    expect(Object.keys(ROUTE_COVERAGE).filter((k) => !known.has(k))).toEqual([]);
    // Routes Strapi refuses anyway must not be listed as harmless (the list says what was judged).
    const refused = new Set(definitions.filter(({ route }) => refusedByStrapi(route.config?.policies)).map((d) => d.key));
    expect(Object.keys(ROUTE_COVERAGE).filter((k) => refused.has(k))).toEqual([]);
    for (const entry of Object.values(ROUTE_COVERAGE)) expect(('guard' in entry ? entry.why : entry.harmless).length).toBeGreaterThan(10);

    // Every guard is on its live route, and every route the server mounted was enumerated above.
    for (const { key, route } of definitions) {
      const entry = ROUTE_COVERAGE[key];
      if (!entry || !('guard' in entry)) continue;
      const marks = (route.config?.middlewares ?? []).map((m) => (m as Record<symbol, unknown>)[ROUTE_GUARD_MARK]);
      expect(marks.filter((m) => m !== undefined), key).toEqual([key]); // exactly one guard, never stacked
    }
    const mounted = (strapi.server.listRoutes() as Array<{ path: string; methods: string[] }>).filter((l) =>
      /^\/(admin|content-manager|content-type-builder|upload|i18n|email|content-releases|review-workflows)(\/|$)/.test(l.path),
    );
    const mountedKeys = mounted.flatMap((l) => l.methods.filter((m) => m !== 'HEAD').map((m) => routeKey(m, l.path)));
    expect(mounted.length).toBeGreaterThan(100);
    expect(mountedKeys.filter((k) => !known.has(k))).toEqual([]);
  });
});
