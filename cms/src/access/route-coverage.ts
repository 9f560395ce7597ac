// Every admin HTTP route a department specialist's role can reach, with its guard or the reason it
// is harmless. Routes whose admin permissions no department role holds are refused by Strapi before
// they run; test/cms/rbac-enumeration.test.ts derives those from the roles and requires every other
// enumerated route to appear here, so a route added by an upgrade fails the build until it is judged.
import type { Core } from '@strapi/strapi';
import { departmentCodesOfDocument } from '../content/lookups';
import { isScopedUid } from '../content/uids';
import { HOMEPAGE_ROUTES } from './homepage-guard';
import { MEDIA_ROUTES } from './media-guard';
import { ownRowIds } from './ownership';
import { refuse } from './refusal';
import { RELATION_COVERAGE } from './relation-guard';
import { installRouteGuards, type RouteCoverage, type RouteGuard } from './route-guard';

async function requireOwnDocument(strapi: Core.Strapi, uid: unknown, documentId: unknown, own: ReadonlySet<string>, field: string) {
  if (typeof uid !== 'string' || !isScopedUid(uid) || documentId === undefined || documentId === '') return;
  if (typeof documentId !== 'string') refuse('documentId 无效', field);
  const { exists, codes } = await departmentCodesOfDocument(strapi, uid, documentId);
  if (exists && [...codes].some((code) => code === null || !own.has(code))) refuse('该内容属于其他部门，无权查看', field);
}

const params = (ctx: Parameters<RouteGuard>[0]) => ctx.params as Record<string, unknown>;
const query = (ctx: Parameters<RouteGuard>[0]) => ctx.query as Record<string, unknown>;
const body = (ctx: Parameters<RouteGuard>[0]) => ((ctx.request as { body?: unknown }).body ?? {}) as Record<string, unknown>;

/**
 * createdBy / updatedBy name admin accounts, not content: no form picks them, and Strapi 5.54 answers
 * a picker request for them with a 500. Refused with a reason instead.
 */
function refuseSystemRelation(model: unknown, targetField: unknown) {
  if (typeof model !== 'string' || typeof targetField !== 'string') return;
  if (RELATION_COVERAGE[model]?.[targetField]?.rule === 'system') refuse('创建人、最后修改人由系统记录，不能选择', 'targetField');
}

/** The relation pickers: Strapi filters the targets by the target's RBAC condition; the source must be own too. */
const existingRelations: RouteGuard = async (ctx, own, next, strapi) => {
  refuseSystemRelation(params(ctx).model, params(ctx).targetField);
  await requireOwnDocument(strapi, params(ctx).model, params(ctx).id, own, 'id');
  return next();
};
const availableRelations: RouteGuard = async (ctx, own, next, strapi) => {
  refuseSystemRelation(params(ctx).model, params(ctx).targetField);
  await requireOwnDocument(strapi, params(ctx).model, query(ctx).id, own, 'id');
  return next();
};
const countDraftRelations: RouteGuard = async (ctx, own, next, strapi) => {
  await requireOwnDocument(strapi, params(ctx).model, params(ctx).id, own, 'id');
  return next();
};
const countManyDraftRelations: RouteGuard = async (ctx, own, next, strapi) => {
  const ids = query(ctx).documentIds;
  for (const documentId of Array.isArray(ids) ? ids : ids === undefined ? [] : [ids]) {
    await requireOwnDocument(strapi, params(ctx).model, documentId, own, 'documentIds');
  }
  return next();
};

/** i18n reads another locale's fields of an entry by row id or documentId, through the database layer. */
const nonLocalizedFields: RouteGuard = async (ctx, own, next, strapi) => {
  const { model, id } = body(ctx);
  if (typeof model === 'string' && isScopedUid(model) && id !== undefined && id !== null) {
    const rowId = Number(id);
    if (!Number.isInteger(rowId)) refuse('id 无效', 'id');
    const exists = await strapi.db.query(model).count({ where: { id: rowId } });
    const mine = await ownRowIds(strapi, model, [rowId], own);
    if (exists > 0 && !mine.has(rowId)) refuse('该内容属于其他部门，无权查看', 'id');
  }
  return next();
};
const fillFromLocale: RouteGuard = async (ctx, own, next, strapi) => {
  await requireOwnDocument(strapi, params(ctx).model, query(ctx).documentId, own, 'documentId');
  return next();
};
const localizationJob: RouteGuard = async (ctx, own, next, strapi) => {
  await requireOwnDocument(strapi, params(ctx).contentType, params(ctx).documentId, own, 'documentId');
  return next();
};
const officeOnly =
  (what: string): RouteGuard =>
  async () =>
    refuse(`${what}只向区企服办和超级管理员开放`, 'route');

const DOCUMENT_SERVICE = 'the content-manager calls strapi.documents(); the department guard and the relation guard check every call';
const SESSION = 'the caller’s own account and session; no department content';
const SCHEMA = 'content-type schemas and their admin layout; no entries';

const CONTENT_MANAGER_ROUTES: Readonly<Record<string, RouteCoverage>> = {
  'GET /content-manager/init': { harmless: SCHEMA },
  'GET /content-manager/content-types': { harmless: SCHEMA },
  'GET /content-manager/content-types-settings': { harmless: SCHEMA },
  'GET /content-manager/content-types/:uid/configuration': { harmless: SCHEMA },
  'PUT /content-manager/content-types/:uid/configuration': { harmless: 'the list and edit view layout (columns, labels); no entries' },
  'GET /content-manager/components': { harmless: SCHEMA },
  'GET /content-manager/components/:uid/configuration': { harmless: SCHEMA },
  'PUT /content-manager/components/:uid/configuration': { harmless: 'the layout of a component; components hold no entries of their own (stored inside department content, guarded with it)' },
  'POST /content-manager/uid/generate': { harmless: 'the model has no uid attributes, so no value of another department is looked up' },
  'POST /content-manager/uid/check-availability': { harmless: 'the model has no uid attributes, so no value of another department is looked up' },
  'GET /content-manager/relations/:model/:targetField': { guard: availableRelations, why: 'relation picker: targets are filtered by their RBAC condition, the source entry must be own' },
  'GET /content-manager/relations/:model/:id/:targetField': { guard: existingRelations, why: 'relations of an entry: the entry must be own' },
  'GET /content-manager/single-types/:model': { harmless: DOCUMENT_SERVICE },
  'PUT /content-manager/single-types/:model': { harmless: DOCUMENT_SERVICE },
  'DELETE /content-manager/single-types/:model': { harmless: DOCUMENT_SERVICE },
  'POST /content-manager/single-types/:model/actions/publish': { harmless: DOCUMENT_SERVICE },
  'POST /content-manager/single-types/:model/actions/unpublish': { harmless: DOCUMENT_SERVICE },
  'POST /content-manager/single-types/:model/actions/discard': { harmless: DOCUMENT_SERVICE },
  'GET /content-manager/single-types/:model/actions/countDraftRelations': { harmless: 'the model has no single types; counts only' },
  'GET /content-manager/collection-types/:model': { harmless: DOCUMENT_SERVICE },
  'POST /content-manager/collection-types/:model': { harmless: DOCUMENT_SERVICE },
  'POST /content-manager/collection-types/:model/clone/:sourceId': { harmless: DOCUMENT_SERVICE },
  'POST /content-manager/collection-types/:model/auto-clone/:sourceId': { harmless: DOCUMENT_SERVICE },
  'GET /content-manager/collection-types/:model/:id': { harmless: DOCUMENT_SERVICE },
  'PUT /content-manager/collection-types/:model/:id': { harmless: DOCUMENT_SERVICE },
  'DELETE /content-manager/collection-types/:model/:id': { harmless: DOCUMENT_SERVICE },
  'POST /content-manager/collection-types/:model/actions/publish': { harmless: DOCUMENT_SERVICE },
  'POST /content-manager/collection-types/:model/:id/actions/publish': { harmless: DOCUMENT_SERVICE },
  'POST /content-manager/collection-types/:model/:id/actions/unpublish': { harmless: DOCUMENT_SERVICE },
  'POST /content-manager/collection-types/:model/:id/actions/discard': { harmless: DOCUMENT_SERVICE },
  'POST /content-manager/collection-types/:model/actions/bulkDelete': { harmless: DOCUMENT_SERVICE },
  'POST /content-manager/collection-types/:model/actions/bulkFindForValidation': { harmless: DOCUMENT_SERVICE },
  'POST /content-manager/collection-types/:model/actions/bulkPublish': { harmless: DOCUMENT_SERVICE },
  'POST /content-manager/collection-types/:model/actions/bulkUnpublish': { harmless: DOCUMENT_SERVICE },
  'GET /content-manager/collection-types/:model/:id/actions/countDraftRelations': { guard: countDraftRelations, why: 'counts an entry’s draft relations by database query' },
  'GET /content-manager/collection-types/:model/actions/countManyEntriesDraftRelations': { guard: countManyDraftRelations, why: 'counts entries’ draft relations by database query' },
  'GET /content-manager/preview/url/:contentType': { harmless: 'preview is not configured (config/admin.ts): no URL and no content is returned' },
};

const I18N_ROUTES: Readonly<Record<string, RouteCoverage>> = {
  'GET /i18n/locales': { harmless: 'the list of locales (zh-Hans, en)' },
  'POST /i18n/content-manager/actions/get-non-localized-fields': { guard: nonLocalizedFields, why: 'reads an entry by row id through the database layer' },
  'GET /i18n/content-manager/get-fill-from-locale/:model': { guard: fillFromLocale, why: 'reads another locale of an entry' },
  'GET /i18n/settings': { harmless: 'whether AI translation is switched on; no content' },
  'PUT /i18n/settings': { guard: officeOnly('多语言设置'), why: 'a setting of the whole CMS' },
  'GET /i18n/ai-localization-jobs/collection-types/:contentType/:documentId': { guard: localizationJob, why: 'the translation job of an entry' },
  'GET /i18n/ai-localization-jobs/single-types/:contentType': { harmless: 'the model has no single types' },
};

const ADMIN_ROUTES: Readonly<Record<string, RouteCoverage>> = {
  'GET /admin/information': { harmless: 'Strapi and Node versions' },
  'GET /admin/telemetry-properties': { harmless: 'telemetry is disabled; feature flags only' },
  'GET /admin/license-trial-time-left': { harmless: 'licence status' },
  'GET /admin/guided-tour-meta': { harmless: 'whether the guided tour was completed' },
  'POST /admin/logout': { harmless: SESSION },
  'GET /admin/permissions': { harmless: 'the catalogue of permission actions; no content' },
  'POST /admin/permissions/check': { harmless: 'checks the caller’s own permissions' },
  'GET /admin/users/me': { harmless: SESSION },
  'PUT /admin/users/me': { harmless: SESSION },
  'GET /admin/users/me/permissions': { harmless: SESSION },
  'GET /admin/users/me/sessions': { harmless: SESSION },
  'DELETE /admin/users/me/sessions': { harmless: SESSION },
  'DELETE /admin/users/me/sessions/:sessionId': { harmless: SESSION },
  'GET /admin/content-api/permissions': { harmless: 'the catalogue of content API actions; no content' },
  'GET /admin/content-api/routes': { harmless: 'the catalogue of content API routes; no content' },
  'GET /admin/ai-usage': { harmless: 'AI features are not configured; no content' },
  'GET /admin/ai-token': { harmless: 'AI features are not configured; no content' },
  'GET /admin/ai-feature-config': { harmless: 'AI features are not configured; no content' },
  'GET /admin/transfer/runner/push': { harmless: 'data transfer authenticates with a transfer token, which no department role may create' },
  'GET /admin/transfer/runner/pull': { harmless: 'data transfer authenticates with a transfer token, which no department role may create' },
  'POST /email': { harmless: 'sends a mail through the configured provider; reads no department content' },
};

const OWN_DEPARTMENT_PLUGIN =
  'the import-export plugin takes the department from the caller’s roles (departmentCodesOf), never from the request, and refuses another one (DEPARTMENT_NOT_YOURS)';
const IMPORT_EXPORT_ROUTES: Readonly<Record<string, RouteCoverage>> = {
  'GET /import-export/context': { harmless: OWN_DEPARTMENT_PLUGIN },
  'POST /import-export/imports': { harmless: OWN_DEPARTMENT_PLUGIN },
  'POST /import-export/imports/:id/preview': { harmless: `${OWN_DEPARTMENT_PLUGIN}; a preview belongs to the user who uploaded it` },
  'POST /import-export/imports/:id/confirm': { harmless: `${OWN_DEPARTMENT_PLUGIN}; a preview belongs to the user who uploaded it` },
  'GET /import-export/export': { harmless: OWN_DEPARTMENT_PLUGIN },
};

export const ROUTE_COVERAGE: Readonly<Record<string, RouteCoverage>> = {
  ...IMPORT_EXPORT_ROUTES,
  ...MEDIA_ROUTES,
  ...HOMEPAGE_ROUTES,
  ...CONTENT_MANAGER_ROUTES,
  ...I18N_ROUTES,
  ...ADMIN_ROUTES,
};

export function registerRouteGuards(strapi: Core.Strapi): void {
  installRouteGuards(strapi, ROUTE_COVERAGE);
}
