// Reads published CMS entries with everything a search document flattens in: the department (in
// the entry's locale), the policy (published, same locale, falling back to zh-Hans), co-issuing
// departments and related item codes. One query per relation per batch, never per row.
import type { Kysely } from 'kysely';
import type { StoredCondition } from '@zone/schemas';
import { CONTENT_TYPES, type CmsDb, type IndexedUid } from './index.ts';

// Link tables are chosen per type at run time; their rows are plain ids.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- dynamic table names over Strapi's link tables
type LooseDb = Kysely<any>;
type Row = Record<string, unknown> & { id: number; document_id: string; locale: string | null };

export interface DepartmentInfo { code: string | null; name: string | null; shortName: string | null; phone: string | null }
export interface PolicyInfo {
  documentId: string;
  title: string | null;
  docNumber: string | null;
  docNumberNormalized: string | null;
  validity: string | null;
  effectiveUntil: string | null;
}

export interface PublishedEntry {
  uid: IndexedUid;
  row: Row;
  locale: string;
  department: DepartmentInfo | null;
  policy: PolicyInfo | null;
  coDepartmentCodes: string[];
  relatedItems: Array<{ documentId: string; itemCode: string | null }>;
  /** 政策找企业: the item's eligibility conditions (the matching.condition component), in order. */
  conditions: StoredCondition[];
}

const LINKS: Record<IndexedUid, { fk: string; department: string; policy?: string; items?: string; coIssuing?: string }> = {
  'api::policy.policy': { fk: 'policy_id', department: 'policies_department_lnk', coIssuing: 'policies_co_issuing_departments_lnk' },
  'api::policy-item.policy-item': { fk: 'policy_item_id', department: 'policy_items_department_lnk', policy: 'policy_items_policy_lnk' },
  'api::interpretation.interpretation': { fk: 'interpretation_id', department: 'interpretations_department_lnk', policy: 'interpretations_policy_lnk', items: 'interpretations_items_lnk' },
  'api::hotline-answer.hotline-answer': { fk: 'hotline_answer_id', department: 'hotline_answers_department_lnk', items: 'hotline_answers_related_items_lnk' },
};

export function dateOnly(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const s = String(value);
  return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null;
}

export function epochMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '') return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return 0;
}

function groupBy<T, K>(list: T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of list) {
    const k = key(item);
    const group = out.get(k);
    if (group) group.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Published rows of the given documents (every locale). */
export async function publishedRowsOf(db: CmsDb, uid: IndexedUid, documentIds: string[]): Promise<Row[]> {
  const loose = db as unknown as LooseDb;
  const rows: Row[] = [];
  for (const ids of chunk([...new Set(documentIds)], 500)) {
    rows.push(...((await loose.selectFrom(CONTENT_TYPES[uid].table).selectAll().where('document_id', 'in', ids).where('published_at', 'is not', null).execute()) as Row[]));
  }
  return rows;
}

/** A keyset page of published rows: the reindex and reconcile stream with it, never loading everything. */
export async function publishedRowsPage(db: CmsDb, uid: IndexedUid, afterId: number, limit: number): Promise<Row[]> {
  const loose = db as unknown as LooseDb;
  return (await loose
    .selectFrom(CONTENT_TYPES[uid].table)
    .selectAll()
    .where('published_at', 'is not', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()) as Row[];
}

async function linked(db: LooseDb, table: string, fk: string, target: string, targetTable: string, ids: number[], columns: string[]) {
  if (ids.length === 0) return [] as Array<Record<string, unknown> & { owner: number }>;
  return (await db
    .selectFrom(`${table} as l`)
    .innerJoin(`${targetTable} as t`, 't.id', `l.${target}`)
    .select([`l.${fk} as owner`, ...columns.map((c) => `t.${c} as ${c}`)])
    .where(`l.${fk}`, 'in', ids)
    .execute()) as Array<Record<string, unknown> & { owner: number }>;
}

/** Enriches published rows with their related entries. */
export async function enrichEntries(db: CmsDb, uid: IndexedUid, rows: Row[]): Promise<PublishedEntry[]> {
  if (rows.length === 0) return [];
  const loose = db as unknown as LooseDb;
  const link = LINKS[uid];
  const ids = rows.map((r) => r.id);

  const deptLinks = await linked(loose, link.department, link.fk, 'department_id', 'departments', ids, ['document_id']);
  const deptDocIds = [...new Set(deptLinks.map((d) => String(d.document_id)))];
  const deptRows = deptDocIds.length
    ? ((await loose.selectFrom('departments').select(['document_id', 'locale', 'code', 'name', 'short_name', 'phone']).where('document_id', 'in', deptDocIds).execute()) as Array<Record<string, string | null>>)
    : [];
  const deptDocOf = new Map(deptLinks.map((d) => [d.owner, String(d.document_id)]));
  const deptVersions = groupBy(deptRows, (d) => String(d.document_id));
  const deptOf = (owner: number, locale: string): DepartmentInfo | null => {
    const docId = deptDocOf.get(owner);
    if (!docId) return null;
    const versions = deptVersions.get(docId) ?? [];
    const v = versions.find((d) => d.locale === locale) ?? versions.find((d) => d.locale === 'zh-Hans') ?? versions[0];
    if (!v) return null;
    // The code is not localized; a locale without its own row still has the department's code.
    const code = v.code ?? versions.find((d) => d.code)?.code ?? null;
    return { code, name: v.name ?? null, shortName: v.short_name ?? null, phone: v.phone ?? versions.find((d) => d.phone)?.phone ?? null };
  };

  let policyOf: (owner: number, locale: string) => PolicyInfo | null = () => null;
  if (link.policy) {
    const policyLinks = await linked(loose, link.policy, link.fk, 'policy_id', 'policies', ids, ['document_id']);
    const policyDocIds = [...new Set(policyLinks.map((p) => String(p.document_id)))];
    const policyRows = policyDocIds.length
      ? ((await loose
          .selectFrom('policies')
          .select(['document_id', 'locale', 'title', 'doc_number', 'doc_number_normalized', 'validity', 'effective_until'])
          .where('document_id', 'in', policyDocIds)
          .where('published_at', 'is not', null)
          .execute()) as Array<Record<string, unknown>>)
      : [];
    const policyDocOf = new Map(policyLinks.map((p) => [p.owner, String(p.document_id)]));
    const policyVersions = groupBy(policyRows, (p) => String(p.document_id));
    policyOf = (owner, locale) => {
      const docId = policyDocOf.get(owner);
      if (!docId) return null;
      const versions = policyVersions.get(docId) ?? [];
      const v = versions.find((p) => p.locale === locale) ?? versions.find((p) => p.locale === 'zh-Hans') ?? versions[0];
      // An unpublished policy is not flattened in: its title must not be searchable.
      if (!v) return null;
      return {
        documentId: String(docId),
        title: (v.title as string | null) ?? null,
        docNumber: (v.doc_number as string | null) ?? null,
        docNumberNormalized: (v.doc_number_normalized as string | null) ?? null,
        validity: (v.validity as string | null) ?? null,
        effectiveUntil: dateOnly(v.effective_until),
      };
    };
  }

  let coOf: (owner: number) => string[] = () => [];
  if (link.coIssuing) {
    const co = await linked(loose, link.coIssuing, link.fk, 'department_id', 'departments', ids, ['code']);
    const byOwner = groupBy(co, (c) => c.owner);
    coOf = (owner) => [...new Set((byOwner.get(owner) ?? []).map((c) => String(c.code)))].sort();
  }

  let itemsOf: (owner: number) => Array<{ documentId: string; itemCode: string | null }> = () => [];
  if (link.items) {
    const items = await linked(loose, link.items, link.fk, 'policy_item_id', 'policy_items', ids, ['document_id', 'item_code']);
    const byOwner = groupBy(items, (i) => i.owner);
    itemsOf = (owner) => {
      const seen = new Map<string, string | null>();
      for (const i of byOwner.get(owner) ?? []) seen.set(String(i.document_id), (i.item_code as string | null) ?? null);
      return [...seen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([documentId, itemCode]) => ({ documentId, itemCode }));
    };
  }

  let conditionsOf: (owner: number) => StoredCondition[] = () => [];
  if (uid === 'api::policy-item.policy-item') {
    // Strapi keeps a repeatable component in its own table, linked through `<collection>_cmps`.
    const comps = (await loose
      .selectFrom('policy_items_cmps as l')
      .innerJoin('components_matching_conditions as c', 'c.id', 'l.cmp_id')
      .select(['l.entity_id as owner', 'l.order as position', 'c.attribute as attribute', 'c.operator as operator', 'c.value as value', 'c.clause as clause'])
      .where('l.entity_id', 'in', ids)
      .where('l.field', '=', 'conditions')
      .where('l.component_type', '=', 'matching.condition')
      .execute()) as Array<{ owner: number; position: number | null; attribute: string | null; operator: string | null; value: string | null; clause: string | null }>;
    const byOwner = groupBy(comps, (c) => c.owner);
    conditionsOf = (owner) =>
      (byOwner.get(owner) ?? [])
        .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
        .map((c) => ({ attribute: c.attribute ?? '', operator: c.operator ?? '', value: c.value ?? '', clause: c.clause ?? null }));
  }

  return rows.map((row) => {
    const locale = row.locale ?? 'zh-Hans';
    return {
      uid,
      row,
      locale,
      department: deptOf(row.id, locale),
      policy: policyOf(row.id, locale),
      coDepartmentCodes: coOf(row.id),
      relatedItems: itemsOf(row.id),
      conditions: conditionsOf(row.id),
    };
  });
}
