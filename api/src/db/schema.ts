// Row types of the api's tables (Kysely's Database interface). Timestamps are ISO-8601 UTC text
// (…Z, millisecond precision, so they sort as text); dates are Asia/Shanghai YYYY-MM-DD text;
// booleans are 0/1 integers; JSON is text. The same shapes on SQLite and PostgreSQL.
import type { Generated } from 'kysely';

/** The intake record (第六条): written once at submission, never updated. */
export interface PetitionsTable {
  id: string;
  channel: string;
  topic: string;
  submitter_kind: string;
  submitter_name: string;
  submitter_uscc: string | null;
  /** JWT subject of a self-submitting enterprise/individual user. */
  owner_subject: string | null;
  contact_name: string;
  contact_phone: string | null;
  contact_email: string | null;
  title: string;
  content: string;
  attachments: string;
  received_at: string;
  received_on: string;
  recorded_by_role: string;
  recorded_by_id: string;
  idempotency_scope: string;
  idempotency_key: string;
  request_hash: string;
}

/**
 * The current state (status, SLA, answer, rating): the mutable part of the projection, kept narrow
 * so the sweeper's updates never rewrite the petition's content.
 */
export interface PetitionStatesTable {
  petition_id: string;
  status: string;
  category: string | null;
  sla_working_days: number | null;
  paused_working_days: number;
  paused_at: string | null;
  paused_on: string | null;
  accepted_at: string | null;
  due_on: string | null;
  due_at: string | null;
  escalated_at: string | null;
  closed_at: string | null;
  refusal_reason: string | null;
  refusal_explanation: string | null;
  market_referral: string | null;
  market_explanation: string | null;
  expert_opinions: string;
  answer_text: string | null;
  answer_policy_ids: string | null;
  answered_at: string | null;
  answer_on_time: number | null;
  rating_due_on: string | null;
  satisfaction: string | null;
  stars_quality: number | null;
  stars_attitude: number | null;
  stars_efficiency: number | null;
  rating_comment: string | null;
  rating_default: number | null;
  rated_at: string | null;
  updated_at: string;
}

export interface PetitionAssignmentsTable {
  petition_id: string;
  department: string;
  role: string;
  position: number;
  assigned_at: string;
  answer_text: string | null;
  answered_at: string | null;
}
// Urge counts are not stored here: they are counted from the timeline's `urged` events, so the
// sweeper writes nothing but events for an urge.

/** Append-only (第十二条): the migration installs triggers that reject UPDATE and DELETE. */
export interface PetitionEventsTable {
  id: Generated<number>;
  petition_id: string;
  type: string;
  actor_role: string;
  actor_id: string;
  department: string | null;
  occurred_at: string;
  due_on: string | null;
  /** Unique per petition when set: one urge per (department, number), one escalation, one rating. */
  dedupe_key: string | null;
  payload: string;
}

export interface CalendarOverridesTable {
  date: string;
  working: number;
  note: string;
  updated_at: string;
  updated_by: string;
}

/** One row; a sweeper pass takes its row lock / SQLite write lock first, so passes never interleave. */
export interface SweeperLockTable {
  id: number;
  last_started_at: string | null;
}

/** Knowledge-base gaps: zero-result searches per Shanghai day, locale and normalized query (api/src/search-gaps/). */
export interface SearchZeroResultQueriesTable {
  day: string;
  locale: string;
  query: string;
  count: number;
}

/** A caller's latest query, keyed by a hash of the platform's session id; kept 24 hours at most. */
export interface SearchRecentQueriesTable {
  caller_key: string;
  query: string;
  locale: string;
  searched_at: string;
}

/** The query searched last before a petition was filed by the same caller (no caller stored). */
export interface SearchQueryPetitionsTable {
  petition_id: string;
  query: string;
  locale: string;
  searched_at: string;
  linked_at: string;
  linked_on: string;
}

/** The notification outbox: one row per (event, recipient, channel) (api/src/notifications/). */
export interface NotificationDeliveriesTable {
  /** event_key|recipient|channel: the dedupe key, and the seed of the send key (Message-ID, Idempotency-Key). */
  id: string;
  event_key: string;
  kind: string;
  petition_id: string;
  recipient: string;
  channel: string;
  payload: string;
  /** pending | attempting | delivered | parked */
  status: string;
  attempts: number;
  next_attempt_at: string;
  /** While attempting: after this instant the attempt is presumed lost (a crash) and is retried. */
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  parked_at: string | null;
  updated_at: string;
}

/** The workbench inbox: one message per inbox delivery. */
export interface InboxMessagesTable {
  delivery_id: string;
  recipient: string;
  petition_id: string;
  kind: string;
  title: string;
  body: string;
  created_at: string;
  read_at: string | null;
}

export interface Database {
  petitions: PetitionsTable;
  petition_states: PetitionStatesTable;
  petition_assignments: PetitionAssignmentsTable;
  petition_events: PetitionEventsTable;
  calendar_overrides: CalendarOverridesTable;
  sweeper_lock: SweeperLockTable;
  search_zero_result_queries: SearchZeroResultQueriesTable;
  search_recent_queries: SearchRecentQueriesTable;
  search_query_petitions: SearchQueryPetitionsTable;
  enterprise_profiles: EnterpriseProfilesTable;
  policy_match_watermarks: PolicyMatchWatermarksTable;
  policy_match_scan: PolicyMatchScanTable;
  policy_match_notices: PolicyMatchNoticesTable;
  notification_deliveries: NotificationDeliveriesTable;
  inbox_messages: InboxMessagesTable;
}

/** 政策找企业: an enterprise's saved profile (JSON in the matching vocabulary), one per 统一社会信用代码. */
export interface EnterpriseProfilesTable {
  uscc: string;
  profile: string;
  saved_by: string;
  created_at: string;
  updated_at: string;
}

/** The content hash of each policy item as the publish watcher last saw it in the index. */
export interface PolicyMatchWatermarksTable {
  document_id: string;
  content_hash: string;
  seen_at: string;
}

export interface PolicyMatchScanTable {
  id: number;
  baseline_at: string;
}

/** A match notice, once per (uscc, item), and its webhook delivery state (the outbox). */
export interface PolicyMatchNoticesTable {
  id: string;
  uscc: string;
  item_document_id: string;
  /** The JSON body sent to the platform. */
  payload: string;
  created_at: string;
  status: 'pending' | 'delivered' | 'parked';
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_until: string | null;
  delivered_at: string | null;
  last_error: string | null;
}
