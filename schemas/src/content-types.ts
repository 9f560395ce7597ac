// The Strapi content types more than one room names: the CMS defines them (cms/src/api/*/content-types),
// search-sync reads their tables, and the outbox rows carry their uids. One list, so a renamed type
// fails the type check instead of a sync test.
export const DEPARTMENT_UID = 'api::department.department' as const;
export const POLICY_UID = 'api::policy.policy' as const;
export const ITEM_UID = 'api::policy-item.policy-item' as const;
export const INTERPRETATION_UID = 'api::interpretation.interpretation' as const;
export const ANSWER_UID = 'api::hotline-answer.hotline-answer' as const;
export const SYNONYM_UID = 'api::search-synonym.search-synonym' as const;

/** The content types that belong to a department (第四、五条: each department keeps its own policies). */
export const DEPARTMENT_SCOPED_UIDS = [POLICY_UID, ITEM_UID, INTERPRETATION_UID, ANSWER_UID] as const;
export type ScopedUid = (typeof DEPARTMENT_SCOPED_UIDS)[number];

export function isScopedUid(uid: string): uid is ScopedUid {
  return (DEPARTMENT_SCOPED_UIDS as readonly string[]).includes(uid);
}

/** Strapi uid → search document type and table (the collectionName of its schema.json): the four indexed types. */
export const INDEXED_CONTENT_TYPES = {
  [POLICY_UID]: { type: 'policy', table: 'policies' },
  [ITEM_UID]: { type: 'policy_item', table: 'policy_items' },
  [INTERPRETATION_UID]: { type: 'interpretation', table: 'interpretations' },
  [ANSWER_UID]: { type: 'hotline_answer', table: 'hotline_answers' },
} as const;
export type IndexedUid = keyof typeof INDEXED_CONTENT_TYPES;

export function isIndexedUid(uid: string): uid is IndexedUid {
  return uid in INDEXED_CONTENT_TYPES;
}

export const LOCALES = { default: 'zh-Hans', all: ['zh-Hans', 'en'] } as const;
