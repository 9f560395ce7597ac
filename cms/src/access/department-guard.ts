// Airtight department scoping for department editors (第四、五条: each department maintains its own
// policies). The admin RBAC condition "belongs to my department" filters what an editor sees, but on
// Strapi 5.54 CE it does not stop an editor from creating an entry for another department or moving
// an own entry into another one. This Document Service middleware closes every write path: create,
// update (incl. a new locale), clone, publish, unpublish, delete and discard-draft, plus links to
// other departments' items and policies. Reads are filtered too, so no path leaks another department.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { departmentName, departmentNames } from '../content/department-names';
import { linkedRefs, toOneChange } from '../content/relations';
import {
  departmentCodesOfDocument,
  departmentCodesOfRefs,
  departmentDocumentId,
  itemDepartmentCodes,
  policyDepartmentCodes,
} from '../content/lookups';
import {
  ANSWER_UID,
  INTERPRETATION_UID,
  ITEM_RELATION_FIELDS,
  ITEM_UID,
  OWNING_POLICY_FIELDS,
  POLICY_UID,
  isScopedUid,
  type ScopedUid,
} from '../content/uids';
import { currentScope } from './scope';

export interface DocumentContext {
  uid: string;
  action: string;
  params: Record<string, unknown> & { data?: Record<string, unknown>; documentId?: string; locale?: string; filters?: unknown; populate?: unknown };
}
export type DocumentMiddleware = (context: DocumentContext, next: () => Promise<unknown>) => Promise<unknown>;

const READ_ACTIONS = new Set(['findOne', 'findFirst', 'findMany', 'count']);
const DOCUMENT_ACTIONS = new Set(['update', 'clone', 'publish', 'unpublish', 'delete', 'discardDraft']);

// What a person was doing, in the words of the admin's buttons: a refusal starts with it.
const ACTION_VERBS: Record<string, string> = {
  findOne: '查看',
  create: '新建',
  update: '保存',
  clone: '复制',
  publish: '发布',
  unpublish: '取消发布',
  delete: '删除',
  discardDraft: '丢弃草稿',
};

// The content manager reads a document before it saves, publishes or discards it, so the refusal
// may come from that read: the verb is taken from the admin's request when there is one.
const ROUTE_VERBS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\/actions\/(bulkPublish|publish)$/, '发布'],
  [/\/actions\/(bulkUnpublish|unpublish)$/, '取消发布'],
  [/\/actions\/bulkDelete$/, '删除'],
  [/\/actions\/discard$/, '丢弃草稿'],
  [/\/(auto-)?clone\//, '复制'],
];

export function verbOf(strapi: Core.Strapi, action: string): string {
  const ctx = strapi.requestContext.get() as { request?: { method?: string; path?: string } } | undefined;
  const method = ctx?.request?.method;
  const route = ctx?.request?.path ?? '';
  if (route.startsWith('/content-manager/collection-types/')) {
    for (const [pattern, verb] of ROUTE_VERBS) if (pattern.test(route)) return verb;
    if (method === 'PUT') return '保存';
    if (method === 'DELETE') return '删除';
  }
  return ACTION_VERBS[action] ?? '修改';
}

const TYPE_NAMES: Record<ScopedUid, string> = {
  [POLICY_UID]: '政策文件',
  [ITEM_UID]: '政策条目',
  [INTERPRETATION_UID]: '政策解读',
  [ANSWER_UID]: '热线口径',
};

// PolicyError is Strapi's 403 whose message reaches the admin UI (a plain ForbiddenError is
// reduced to "Forbidden" by the router), so the specialist reads why the action was refused.
function forbidden(message: string, path: string): never {
  throw new errors.PolicyError(message, { errors: [{ path: [path], message, name: 'ForbiddenError' }], code: 'DEPARTMENT_SCOPE' });
}

/**
 * The content manager checks "belongs to my department" on the entries it reads, then strips every
 * field the condition does not allow. Where it asks only for a relation count (bulk publish's
 * validation read), the department carries no code, so an editor's own entries came back without
 * title or item code ("title is required"). Reading the department's code instead lets the
 * condition see it.
 */
function loadDepartmentCode(params: DocumentContext['params']): void {
  const populate = params.populate;
  if (!populate || typeof populate !== 'object' || Array.isArray(populate)) return;
  const department = (populate as Record<string, unknown>).department;
  if (department && typeof department === 'object' && (department as { count?: unknown }).count) {
    // A copy: Strapi caches and shares the populate object between requests.
    params.populate = { ...populate, department: { fields: ['code'] } };
  }
}

export function departmentGuard(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    if (!isScopedUid(context.uid)) return next();
    const scope = currentScope(strapi);
    if (scope.kind !== 'department') return next();
    const own = new Set(scope.codes);
    const ownNames = departmentNames(own);
    const uid = context.uid;
    const params = context.params;
    const verb = verbOf(strapi, context.action);
    const type = TYPE_NAMES[uid];

    if (context.action === 'findOne' && typeof params.documentId === 'string') {
      // Opening another department's document is refused outright (not an empty 200).
      const { exists, codes } = await departmentCodesOfDocument(strapi, uid, params.documentId);
      const others = [...codes].filter((code) => code === null || !own.has(code));
      if (exists && others.length) forbidden(`无权${verb}：该${type}属于${departmentNames(others)}，只能${verb}本部门（${ownNames}）的内容`, 'documentId');
    }
    if (READ_ACTIONS.has(context.action)) {
      const mine = { department: { code: { $in: [...own] } } };
      params.filters = params.filters ? { $and: [params.filters, mine] } : mine;
      loadDepartmentCode(params);
      return next();
    }

    if (DOCUMENT_ACTIONS.has(context.action)) {
      const documentId = params.documentId;
      if (typeof documentId !== 'string' || documentId === '') forbidden(`无权${verb}：缺少 documentId，无法确认该${type}所属的部门`, 'documentId');
      const { exists, codes } = await departmentCodesOfDocument(strapi, uid, documentId);
      if (!exists && context.action !== 'update') forbidden(`无权${verb}：该${type}不存在或不属于本部门（${ownNames}）`, 'documentId');
      const others = [...codes].filter((code) => code === null || !own.has(code));
      if (others.length) forbidden(`无权${verb}：该${type}属于${departmentNames(others)}，只能${verb}本部门（${ownNames}）的内容`, 'department');
    }

    if ((context.action === 'create' || context.action === 'update' || context.action === 'clone') && params.data) {
      await guardData(strapi, uid, params.data, own, context.action === 'create' || context.action === 'clone', verb);
    }
    return next();
  };
}

/** The checks on what a write names (its department and its links); `creating` covers a new entry and a clone. */
export async function guardData(strapi: Core.Strapi, uid: ScopedUid, data: Record<string, unknown>, own: Set<string>, creating: boolean, verb: string) {
  const ownNames = departmentNames(own);
  const type = TYPE_NAMES[uid];
  // The admin sends an untouched relation as `{ connect: [], disconnect: [] }`: no change, as if absent.
  const change = toOneChange(data.department);
  // A clone of a specialist whose 所属部门 is read-only arrives with the department emptied by Strapi's
  // field permissions: the copy, like any new entry of theirs, belongs to their department.
  if (change.kind === 'unchanged' || (creating && change.kind === 'cleared')) {
    if (creating) {
      // A new entry of a department editor belongs to their department, whatever the form sent.
      if (own.size !== 1) forbidden(`无法${verb}：请选择所属部门`, 'department');
      const [code] = [...own];
      const documentId = await departmentDocumentId(strapi, code!);
      if (!documentId) forbidden(`无法${verb}：部门“${departmentName(code!)}”不存在`, 'department');
      data.department = documentId;
    }
  } else if (change.kind === 'cleared') {
    forbidden(`无权${verb}：所属部门不能为空，${type}必须属于本部门（${ownNames}）`, 'department');
  } else {
    const refs = change.kind === 'linked' ? change.refs : [{}];
    const { codes, found } = await departmentCodesOfRefs(strapi, refs);
    if (found !== refs.length) forbidden(`无权${verb}：所选的所属部门不存在，只能为本部门（${ownNames}）${verb}${type}`, 'department');
    const others = [...codes].filter((c) => !own.has(c));
    if (others.length) forbidden(`无权${verb}：只能为本部门（${ownNames}）${verb}${type}，不能改为${departmentNames(others)}`, 'department');
  }

  for (const field of ITEM_RELATION_FIELDS[uid]) {
    const refs = linkedRefs(data[field]);
    if (refs.length === 0) continue;
    const { found, codes } = await itemDepartmentCodes(strapi, refs);
    const others = codes.filter((c) => c === null || !own.has(c));
    if (found !== refs.length) forbidden(`无权${verb}：只能关联本部门的政策条目，所选条目不存在`, field);
    if (others.length) forbidden(`无权${verb}：只能关联本部门的政策条目，所选条目属于${departmentNames(others)}（本部门：${ownNames}）`, field);
  }
  for (const field of OWNING_POLICY_FIELDS[uid]) {
    const refs = linkedRefs(data[field]);
    if (refs.length === 0) continue;
    const { found, perPolicy } = await policyDepartmentCodes(strapi, refs);
    if (found !== refs.length) forbidden(`无权${verb}：只能关联本部门发文或联合发文的政策文件，所选政策文件不存在`, field);
    const foreign = perPolicy.filter((codes) => ![...codes].some((c) => own.has(c)));
    if (foreign.length) {
      forbidden(`无权${verb}：只能关联本部门（${ownNames}）发文或联合发文的政策文件，所选政策文件由${departmentNames(foreign.flatMap((codes) => [...codes]))}发文`, field);
    }
  }
}
