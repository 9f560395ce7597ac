// Which indexed documents embed a changed entry: a department's name is in every policy, item,
// interpretation and hotline answer of that department (and in policies it co-issued); a policy's
// title and 文号 are in its items and interpretations; an item's code is in the interpretations and
// hotline answers that point at it. search-sync re-indexes those too.
import type { Kysely } from 'kysely';
import { DEPARTMENT_UID, type IndexedUid } from './cms-tables.ts';
import type { CmsDb } from './connection.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- dynamic table names over Strapi's link tables
type LooseDb = Kysely<any>;

interface Embedding { uid: IndexedUid; table: string; link: string; owner: string; ref: string }

const EMBEDDED_BY: Record<string, { table: string; embeddings: Embedding[] }> = {
  [DEPARTMENT_UID]: {
    table: 'departments',
    embeddings: [
      { uid: 'api::policy.policy', table: 'policies', link: 'policies_department_lnk', owner: 'policy_id', ref: 'department_id' },
      { uid: 'api::policy.policy', table: 'policies', link: 'policies_co_issuing_departments_lnk', owner: 'policy_id', ref: 'department_id' },
      { uid: 'api::policy-item.policy-item', table: 'policy_items', link: 'policy_items_department_lnk', owner: 'policy_item_id', ref: 'department_id' },
      { uid: 'api::interpretation.interpretation', table: 'interpretations', link: 'interpretations_department_lnk', owner: 'interpretation_id', ref: 'department_id' },
      { uid: 'api::hotline-answer.hotline-answer', table: 'hotline_answers', link: 'hotline_answers_department_lnk', owner: 'hotline_answer_id', ref: 'department_id' },
    ],
  },
  'api::policy.policy': {
    table: 'policies',
    embeddings: [
      { uid: 'api::policy-item.policy-item', table: 'policy_items', link: 'policy_items_policy_lnk', owner: 'policy_item_id', ref: 'policy_id' },
      { uid: 'api::interpretation.interpretation', table: 'interpretations', link: 'interpretations_policy_lnk', owner: 'interpretation_id', ref: 'policy_id' },
    ],
  },
  'api::policy-item.policy-item': {
    table: 'policy_items',
    embeddings: [
      { uid: 'api::interpretation.interpretation', table: 'interpretations', link: 'interpretations_items_lnk', owner: 'interpretation_id', ref: 'policy_item_id' },
      { uid: 'api::hotline-answer.hotline-answer', table: 'hotline_answers', link: 'hotline_answers_related_items_lnk', owner: 'hotline_answer_id', ref: 'policy_item_id' },
    ],
  },
};

export function embedsOthers(uid: string): boolean {
  return uid in EMBEDDED_BY;
}

/** The (uid, documentId) pairs whose search documents embed the given entries. */
export async function relatedDocuments(db: CmsDb, uid: string, documentIds: string[]): Promise<Array<{ uid: IndexedUid; documentId: string }>> {
  const spec = EMBEDDED_BY[uid];
  if (!spec || documentIds.length === 0) return [];
  const loose = db as unknown as LooseDb;
  const sourceIds = ((await loose.selectFrom(spec.table).select('id').where('document_id', 'in', documentIds).execute()) as Array<{ id: number }>).map((r) => r.id);
  if (sourceIds.length === 0) return [];
  const out = new Map<string, { uid: IndexedUid; documentId: string }>();
  for (const e of spec.embeddings) {
    const rows = (await loose
      .selectFrom(`${e.link} as l`)
      .innerJoin(`${e.table} as t`, 't.id', `l.${e.owner}`)
      .select('t.document_id as documentId')
      .distinct()
      .where(`l.${e.ref}`, 'in', sourceIds)
      .execute()) as Array<{ documentId: string }>;
    for (const r of rows) out.set(`${e.uid}:${r.documentId}`, { uid: e.uid, documentId: r.documentId });
  }
  return [...out.values()];
}
