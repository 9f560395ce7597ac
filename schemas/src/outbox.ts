// The search outbox: the contract between the CMS, which writes one row per content change in the
// same transaction as the change (cms/src/outbox/), and search-sync, which claims, indexes and
// deletes or parks the rows (search-sync/src/outbox/). DESIGN.md "Search sync" gives the reasons.
import { ANSWER_UID, DEPARTMENT_UID, INTERPRETATION_UID, ITEM_UID, POLICY_UID, SYNONYM_UID } from './content-types.ts';

export const OUTBOX_TABLE = 'search_outbox';

/** Content types whose changes reach the search index (directly, or through the documents that embed them). */
export const OUTBOX_UIDS: readonly string[] = [POLICY_UID, ITEM_UID, INTERPRETATION_UID, ANSWER_UID, DEPARTMENT_UID, SYNONYM_UID];

/** The Document Service actions that write, and so leave an outbox row. */
export const OUTBOX_ACTIONS = ['create', 'update', 'clone', 'publish', 'unpublish', 'delete', 'discardDraft'] as const;
export type OutboxAction = (typeof OUTBOX_ACTIONS)[number];

export function isOutboxAction(action: string): action is OutboxAction {
  return (OUTBOX_ACTIONS as readonly string[]).includes(action);
}

/** Suffix of a write that changed only the draft: search-sync acknowledges it without indexing. */
export const DRAFT_ONLY_SUFFIX = ':draft';

// Draft & publish types whose draft-only writes leave the published (indexed) content unchanged.
const DRAFT_AND_PUBLISH_UIDS: readonly string[] = [POLICY_UID, ITEM_UID, INTERPRETATION_UID, ANSWER_UID];

/** The action as recorded: `<action>:draft` when the write changes only the draft of a draft & publish type. */
export function recordedOutboxAction(uid: string, action: OutboxAction, status: unknown): string {
  if (!DRAFT_AND_PUBLISH_UIDS.includes(uid)) return action;
  const draftOnly = action === 'discardDraft' || (['create', 'update', 'clone'].includes(action) && status !== 'published');
  return draftOnly ? `${action}${DRAFT_ONLY_SUFFIX}` : action;
}

export function isDraftOnlyAction(recorded: string): boolean {
  return recorded.endsWith(DRAFT_ONLY_SUFFIX);
}

/**
 * One outbox row as stored. Timestamps are epoch milliseconds (bigint columns). The retry state
 * (attempts, available_at, the lease, the parking place) is owned by search-sync.
 */
export interface OutboxRecord {
  id: number;
  uid: string;
  document_id: string | null;
  locale: string | null;
  action: string;
  created_at: number;
  attempts: number;
  available_at: number;
  locked_by: string | null;
  locked_until: number | null;
  parked_at: number | null;
  last_error: string | null;
}
