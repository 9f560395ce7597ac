// Airtight department scoping for department editors (第四、五条: each department maintains its own
// policies). The admin RBAC condition "belongs to my department" filters what an editor sees, but on
// Strapi 5.54 CE it does not stop an editor from creating an entry for another department or moving
// an own entry into another one. This Document Service middleware closes every write path: create,
// update (incl. a new locale), clone, publish, unpublish, delete and discard-draft, plus links to
// other departments' items and policies. Reads are filtered too, so no path leaks another department.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { clearsRelation, linkedRefs } from '../content/relations';
import {
  departmentCodesOfDocument,
  departmentCodesOfRefs,
  departmentDocumentId,
  itemDepartmentCodes,
  policyDepartmentCodes,
} from '../content/lookups';
import { ITEM_RELATION_FIELDS, OWNING_POLICY_FIELDS, isScopedUid, type ScopedUid } from '../content/uids';
import { currentScope } from './scope';

export interface DocumentContext {
  uid: string;
  action: string;
  params: Record<string, unknown> & { data?: Record<string, unknown>; documentId?: string; locale?: string; filters?: unknown };
}
export type DocumentMiddleware = (context: DocumentContext, next: () => Promise<unknown>) => Promise<unknown>;

const READ_ACTIONS = new Set(['findOne', 'findFirst', 'findMany', 'count']);
const DOCUMENT_ACTIONS = new Set(['update', 'clone', 'publish', 'unpublish', 'delete', 'discardDraft']);

// PolicyError is Strapi's 403 whose message reaches the admin UI (a plain ForbiddenError is
// reduced to "Forbidden" by the router), so the specialist reads why the action was refused.
function forbidden(message: string, path: string): never {
  throw new errors.PolicyError(message, { errors: [{ path: [path], message, name: 'ForbiddenError' }], code: 'DEPARTMENT_SCOPE' });
}

function describe(codes: readonly string[]): string {
  return codes.join('、') || '（无）';
}

export function departmentGuard(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    if (!isScopedUid(context.uid)) return next();
    const scope = currentScope(strapi);
    if (scope.kind !== 'department') return next();
    const own = new Set(scope.codes);
    const uid = context.uid;
    const params = context.params;

    if (context.action === 'findOne' && typeof params.documentId === 'string') {
      // Opening another department's document is refused outright (not an empty 200).
      const { exists, codes } = await departmentCodesOfDocument(strapi, uid, params.documentId);
      if (exists && [...codes].some((code) => code === null || !own.has(code))) forbidden('该内容属于其他部门，无权查看', 'documentId');
    }
    if (READ_ACTIONS.has(context.action)) {
      const mine = { department: { code: { $in: [...own] } } };
      params.filters = params.filters ? { $and: [params.filters, mine] } : mine;
      return next();
    }

    if (DOCUMENT_ACTIONS.has(context.action)) {
      const documentId = params.documentId;
      if (typeof documentId !== 'string' || documentId === '') forbidden('缺少 documentId，无法确认内容所属部门', 'documentId');
      const { exists, codes } = await departmentCodesOfDocument(strapi, uid, documentId);
      if (!exists && context.action !== 'update') forbidden('内容不存在或不属于本部门', 'documentId');
      for (const code of codes) {
        if (code === null || !own.has(code)) forbidden(`只能维护本部门的内容：该内容属于其他部门`, 'department');
      }
    }

    if ((context.action === 'create' || context.action === 'update' || context.action === 'clone') && params.data) {
      await guardData(strapi, uid, params.data, own, context.action === 'create');
    }
    return next();
  };
}

async function guardData(strapi: Core.Strapi, uid: ScopedUid, data: Record<string, unknown>, own: Set<string>, creating: boolean) {
  if (!('department' in data) || data.department === undefined) {
    if (creating) {
      // A new entry of a department editor belongs to their department, whatever the form sent.
      if (own.size !== 1) forbidden('请选择所属部门', 'department');
      const [code] = [...own];
      const documentId = await departmentDocumentId(strapi, code!);
      if (!documentId) forbidden(`部门 ${code} 不存在`, 'department');
      data.department = documentId;
    }
  } else {
    if (clearsRelation(data.department)) forbidden('所属部门不能为空', 'department');
    const refs = linkedRefs(data.department);
    const { codes, found } = await departmentCodesOfRefs(strapi, refs);
    if (found !== refs.length || [...codes].some((c) => !own.has(c))) {
      forbidden(`只能为本部门（${describe([...own])}）创建或保存内容，不能改为其他部门`, 'department');
    }
  }

  for (const field of ITEM_RELATION_FIELDS[uid]) {
    const refs = linkedRefs(data[field]);
    if (refs.length === 0) continue;
    const { found, codes } = await itemDepartmentCodes(strapi, refs);
    if (found !== refs.length || codes.some((c) => c === null || !own.has(c))) {
      forbidden('只能关联本部门的政策条目', field);
    }
  }
  for (const field of OWNING_POLICY_FIELDS[uid]) {
    const refs = linkedRefs(data[field]);
    if (refs.length === 0) continue;
    const { found, perPolicy } = await policyDepartmentCodes(strapi, refs);
    if (found !== refs.length || perPolicy.some((codes) => ![...codes].some((c) => own.has(c)))) {
      forbidden('只能关联本部门发文或联合发文的政策文件', field);
    }
  }
}
