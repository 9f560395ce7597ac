// The content types that belong to a department (第四、五条: each department keeps its own policies).
export const DEPARTMENT_UID = 'api::department.department' as const;
export const POLICY_UID = 'api::policy.policy' as const;
export const ITEM_UID = 'api::policy-item.policy-item' as const;
export const INTERPRETATION_UID = 'api::interpretation.interpretation' as const;
export const ANSWER_UID = 'api::hotline-answer.hotline-answer' as const;

export const DEPARTMENT_SCOPED_UIDS = [POLICY_UID, ITEM_UID, INTERPRETATION_UID, ANSWER_UID] as const;
export type ScopedUid = (typeof DEPARTMENT_SCOPED_UIDS)[number];

export function isScopedUid(uid: string): uid is ScopedUid {
  return (DEPARTMENT_SCOPED_UIDS as readonly string[]).includes(uid);
}

/** Relation attributes that point at policy items, per type: a department editor may only link its own items. */
export const ITEM_RELATION_FIELDS: Record<ScopedUid, readonly string[]> = {
  [POLICY_UID]: [],
  [ITEM_UID]: [],
  [INTERPRETATION_UID]: ['items'],
  [ANSWER_UID]: ['relatedItems'],
};

/** Relation attributes that point at a policy the entry belongs to (not `replacedBy`, which may name any policy). */
export const OWNING_POLICY_FIELDS: Record<ScopedUid, readonly string[]> = {
  [POLICY_UID]: [],
  [ITEM_UID]: ['policy'],
  [INTERPRETATION_UID]: ['policy'],
  [ANSWER_UID]: [],
};

export const LOCALES = { default: 'zh-Hans', all: ['zh-Hans', 'en'] } as const;
