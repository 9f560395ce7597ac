// 第四、五条: a department keeps its own content, so nothing another department owns may be linked,
// moved or read through a relation. The department guard checks an entry's own department and the
// relations it was written for; this guard covers every other relation and media attribute of the
// department-owned types, on both sides (the inverse side `policy.items` moves the other
// department's items), and strips other departments' content out of what relations populate.
// RELATION_COVERAGE names a rule for each attribute; test/cms/rbac-enumeration.test.ts compares it
// with what Strapi enumerates, so a new relation fails the build until it has a rule.
import type { Core } from '@strapi/strapi';
import { linkedRefs, type RelationRef } from '../content/relations';
import { ANSWER_UID, INTERPRETATION_UID, ITEM_UID, POLICY_UID, isScopedUid } from '../content/uids';
import type { DocumentMiddleware } from './department-guard';
import { ownMediaIds, ownRowIds, resolveRefs } from './ownership';
import { refuse } from './refusal';
import { currentScope } from './scope';

export type RelationRule =
  /** The entry's own department: the department guard. */
  | 'department'
  /** The policy an entry belongs to: own or co-issued (联合发文), the department guard. */
  | 'owning-policy'
  /** Every target linked (and, on an inverse side, unlinked) belongs to the department: this guard. */
  | 'own'
  /** Own, or another department's published document (public anyway): this guard. */
  | 'own-or-published'
  /** Newly attached files were uploaded by the department's specialist: this guard. */
  | 'own-media'
  /** Department reference data every editor reads; naming any department is the point. */
  | 'reference'
  /** Set by Strapi from the logged-in user, never from entry data. */
  | 'system'
  /** The other locales of the same document (i18n, not writable): the department guard keeps every locale in one department. */
  | 'same-document';

export interface RelationCoverage { rule: RelationRule; why: string }

const SYSTEM: Record<string, RelationCoverage> = {
  createdBy: { rule: 'system', why: 'Strapi sets the creator from the logged-in user' },
  updatedBy: { rule: 'system', why: 'Strapi sets the last editor from the logged-in user' },
  localizations: { rule: 'same-document', why: 'the other locales of the same document; not writable, populated redacted like any relation' },
};
const DEPARTMENT: RelationCoverage = { rule: 'department', why: 'the owning department, checked by the department guard' };

export const RELATION_COVERAGE: Readonly<Record<string, Readonly<Record<string, RelationCoverage>>>> = {
  [POLICY_UID]: {
    department: DEPARTMENT,
    coIssuingDepartments: { rule: 'reference', why: '联合发文: the co-issuers are other departments by definition; departments are reference data' },
    replacedBy: { rule: 'own-or-published', why: 'a policy may be superseded by another department’s published policy, never by an unpublished draft' },
    attachments: { rule: 'own-media', why: 'files come from the department’s own media' },
    items: { rule: 'own', why: 'inverse side of policy-item.policy: linking or unlinking changes the item' },
    ...SYSTEM,
  },
  [ITEM_UID]: {
    department: DEPARTMENT,
    policy: { rule: 'owning-policy', why: 'an item belongs to an own or co-issued policy (department guard)' },
    ...SYSTEM,
  },
  [INTERPRETATION_UID]: {
    department: DEPARTMENT,
    policy: { rule: 'owning-policy', why: 'an interpretation explains an own or co-issued policy (department guard)' },
    items: { rule: 'own', why: 'an interpretation explains the department’s own items' },
    ...SYSTEM,
  },
  [ANSWER_UID]: {
    department: DEPARTMENT,
    relatedItems: { rule: 'own', why: 'a hotline answer cites the department’s own items' },
    ...SYSTEM,
  },
};

interface Attribute { type: string; target?: string; relation?: string; mappedBy?: string; inversedBy?: string; multiple?: boolean }
const attributesOf = (strapi: Core.Strapi, uid: string) =>
  ((strapi.contentTypes as unknown as Record<string, { attributes: Record<string, Attribute> } | undefined>)[uid]?.attributes ?? {});

const WRITE_ACTIONS = new Set(['create', 'update', 'clone']);

export function relationGuard(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    const scope = currentScope(strapi);
    if (scope.kind !== 'department') return next();
    const own = new Set(scope.codes);
    const data = context.params.data;
    if (WRITE_ACTIONS.has(context.action) && data && isScopedUid(context.uid)) {
      await guardRelations(strapi, context.uid, data, context.params.documentId, own);
    }
    if (READ_ACTIONS.has(context.action) && context.params.filters) {
      context.params.filters = scopeRelationFilters(strapi, context.uid, context.params.filters, own);
    }
    const result = await next();
    await redact(strapi, context.uid, result, own);
    return result;
  };
}

const READ_ACTIONS = new Set(['findOne', 'findFirst', 'findMany', 'count']);

/** The condition a row of a department-owned type meets when the department may read it. */
function ownCondition(uid: string, own: Set<string>): Record<string, unknown> {
  const mine = { department: { code: { $in: [...own] } } };
  return uid === POLICY_UID ? { $or: [mine, { coIssuingDepartments: { code: { $in: [...own] } } }] } : mine;
}

/** True when a filter looks at more than the ids of the related rows (ids of own links leak nothing). */
function readsContent(filter: unknown): boolean {
  if (Array.isArray(filter)) return filter.some(readsContent);
  if (!filter || typeof filter !== 'object') return false;
  return Object.entries(filter).some(([key, value]) => (key.startsWith('$') ? readsContent(value) : key !== 'id' && key !== 'documentId'));
}

/**
 * A filter through a relation (`replacedBy.title contains …`) is an oracle on the linked row, whatever
 * the response shows. Such filters only match targets the department may read.
 */
export function scopeRelationFilters(strapi: Core.Strapi, uid: string, filters: unknown, own: Set<string>): unknown {
  if (Array.isArray(filters)) return filters.map((f) => scopeRelationFilters(strapi, uid, f, own));
  if (!filters || typeof filters !== 'object') return filters;
  const attributes = attributesOf(strapi, uid);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    const attribute = attributes[key];
    if (key.startsWith('$')) out[key] = scopeRelationFilters(strapi, uid, value, own);
    else if (attribute?.type === 'relation' && attribute.target && isScopedUid(attribute.target) && readsContent(value)) {
      out[key] = { $and: [scopeRelationFilters(strapi, attribute.target, value, own), ownCondition(attribute.target, own)] };
    } else if (attribute?.type === 'relation' && attribute.target) out[key] = scopeRelationFilters(strapi, attribute.target, value, own);
    else out[key] = value;
  }
  return out;
}

function refsIn(input: unknown, key: 'disconnect' | 'set'): RelationRef[] | undefined {
  if (!input || typeof input !== 'object' || Array.isArray(input) || !(key in input)) return undefined;
  return linkedRefs((input as Record<string, unknown>)[key]);
}

/** documentIds (relations) or ids (media) linked to any version of a document today. */
async function linkedNow(strapi: Core.Strapi, uid: string, documentId: string | undefined, field: string): Promise<{ documentIds: Set<string>; ids: Set<number> }> {
  if (!documentId) return { documentIds: new Set(), ids: new Set() };
  const rows = (await strapi.db.query(uid as typeof POLICY_UID).findMany({
    where: { documentId },
    select: ['id'],
    populate: { [field]: { select: ['id', 'documentId'] } },
  })) as Array<Record<string, unknown>>;
  const linked = rows.flatMap((r) => {
    const v = r[field];
    return (Array.isArray(v) ? v : v ? [v] : []) as Array<{ id: number; documentId?: string }>;
  });
  return { documentIds: new Set(linked.flatMap((l) => (l.documentId ? [l.documentId] : []))), ids: new Set(linked.map((l) => l.id)) };
}

async function guardRelations(strapi: Core.Strapi, uid: string, data: Record<string, unknown>, documentId: string | undefined, own: Set<string>) {
  const attributes = attributesOf(strapi, uid);
  for (const [field, coverage] of Object.entries(RELATION_COVERAGE[uid] ?? {})) {
    const value = data[field];
    if (value === undefined) continue;
    const attribute = attributes[field];
    if (!attribute) continue;
    switch (coverage.rule) {
      case 'own': {
        const target = attribute.target!;
        const refs = linkedRefs(value);
        const disconnect = attribute.mappedBy ? (refsIn(value, 'disconnect') ?? []) : [];
        const resolved = await resolveRefs(strapi, target, [...refs, ...disconnect], own);
        if (resolved.unknown > 0 || [...resolved.values()].some((r) => !r.own)) refuse('只能关联本部门的内容：所选内容属于其他部门或不存在', field);
        const set = attribute.mappedBy ? refsIn(value, 'set') : undefined;
        if (set) {
          // `set` on the inverse side unlinks everything not named, including other departments' items.
          const now = await linkedNow(strapi, uid, documentId, field);
          const kept = new Set([...resolved.keys()]);
          const dropped = [...now.documentIds].filter((d) => !kept.has(d));
          const droppedRefs = await resolveRefs(strapi, target, dropped.map((d) => ({ documentId: d })), own);
          if ([...droppedRefs.values()].some((r) => !r.own)) refuse('不能解除其他部门内容的关联', field);
        }
        break;
      }
      case 'own-or-published': {
        const refs = linkedRefs(value);
        const resolved = await resolveRefs(strapi, attribute.target!, refs, own);
        if (resolved.unknown > 0 || [...resolved.values()].some((r) => !r.own && !r.published)) {
          refuse('只能关联本部门的内容或其他部门已发布的内容', field);
        }
        break;
      }
      case 'own-media': {
        const ids = await mediaIdsOf(strapi, linkedRefs(value), field);
        if (ids.length === 0) break;
        // Files already attached stay (the form sends the whole list); only new ones are checked.
        const now = await linkedNow(strapi, uid, documentId, field);
        const added = ids.filter((id) => !now.ids.has(id));
        const mine = await ownMediaIds(strapi, 'plugin::upload.file', added, own);
        if (added.some((id) => !mine.has(id))) refuse('只能使用本部门上传的文件：所选文件属于其他部门或不存在', field);
        break;
      }
      case 'department':
      case 'owning-policy':
      case 'reference':
      case 'system':
      case 'same-document':
        break;
    }
  }
}

/**
 * The file ids a media input names. Strapi takes a file's id as a number, as a string ("12") or a
 * file's documentId, so each of those is resolved to a row id; a reference to no file is refused.
 */
async function mediaIdsOf(strapi: Core.Strapi, refs: RelationRef[], field: string): Promise<number[]> {
  const ids = refs.flatMap((r) => (r.id !== undefined ? [r.id] : r.documentId !== undefined && /^\d+$/.test(r.documentId) ? [Number(r.documentId)] : []));
  const documentIds = refs.flatMap((r) => (r.documentId !== undefined && !/^\d+$/.test(r.documentId) ? [r.documentId] : []));
  if (documentIds.length === 0) return ids;
  const rows = (await strapi.db.query('plugin::upload.file').findMany({ where: { documentId: { $in: documentIds } }, select: ['id', 'documentId'] })) as Array<{ id: number; documentId: string }>;
  if (documentIds.some((d) => !rows.some((r) => r.documentId === d))) refuse('所选文件不存在', field);
  return [...ids, ...rows.map((r) => r.id)];
}

type Entry = Record<string, unknown> & { id?: number };
const IDENTIFIERS = ['id', 'documentId', 'locale', 'publishedAt'];

/**
 * Reads populate relations without the department filter: another department's draft linked to an
 * own entry would be returned in full. Such targets are reduced to their identifiers.
 */
export async function redact(strapi: Core.Strapi, uid: string, result: unknown, own: Set<string>): Promise<void> {
  const entries = entriesOf(result);
  if (entries.length === 0) return;
  for (const [field, attribute] of Object.entries(attributesOf(strapi, uid))) {
    if (attribute.type !== 'relation' || !attribute.target || !isScopedUid(attribute.target)) continue;
    const targets = entries.flatMap((e) => {
      const v = e[field];
      return (Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : []) as Entry[];
    }).filter((t) => typeof t.id === 'number');
    if (targets.length === 0) continue;
    const visible = await ownRowIds(strapi, attribute.target, [...new Set(targets.map((t) => t.id!))], own);
    for (const t of targets) {
      if (visible.has(t.id!)) continue;
      for (const key of Object.keys(t)) if (!IDENTIFIERS.includes(key)) delete t[key];
    }
    await redact(strapi, attribute.target, targets.filter((t) => visible.has(t.id!)), own);
  }
}

function entriesOf(result: unknown): Entry[] {
  if (Array.isArray(result)) return result.filter((r): r is Entry => Boolean(r) && typeof r === 'object');
  if (!result || typeof result !== 'object') return [];
  const r = result as { entries?: unknown; documentId?: unknown };
  if (Array.isArray(r.entries)) return entriesOf(r.entries);
  return typeof r.documentId === 'string' ? [result as Entry] : [];
}
