// The content types are a contract with search-sync and the outbox, so they live in @zone/schemas;
// the relation fields below are the CMS's own (the department guard reads them).
import { ANSWER_UID, INTERPRETATION_UID, ITEM_UID, POLICY_UID, type ScopedUid } from '@zone/schemas/cms-contract';

export {
  ANSWER_UID,
  DEPARTMENT_SCOPED_UIDS,
  DEPARTMENT_UID,
  INTERPRETATION_UID,
  ITEM_UID,
  LOCALES,
  POLICY_UID,
  SYNONYM_UID,
  isScopedUid,
  type ScopedUid,
} from '@zone/schemas/cms-contract';

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
