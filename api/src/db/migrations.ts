// Migrations that run on SQLite and PostgreSQL. On PostgreSQL every table lives in the api's own
// schema (DATABASE_SCHEMA, default "api"), so a database shared with Strapi never sees a collision.
import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectName } from './dialect.ts';
import { systemClock } from '../clock/clock.ts';

function migrations(dialect: DialectName): Record<string, Migration> {
  // Byte-wise text on PostgreSQL, as on SQLite: ids, ISO timestamps and dates sort the same on both,
  // whatever the database's locale.
  const text = dialect === 'postgres' ? sql`text COLLATE "C"` : sql`text`;
  return {
    '2026-11-27-001-petitions': {
      async up(db: Kysely<unknown>) {
        // The intake record: written once (第六条).
        await db.schema
          .createTable('petitions')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('channel', text, (c) => c.notNull())
          .addColumn('topic', text, (c) => c.notNull())
          .addColumn('submitter_kind', text, (c) => c.notNull())
          .addColumn('submitter_name', text, (c) => c.notNull())
          .addColumn('submitter_uscc', text)
          .addColumn('owner_subject', text)
          .addColumn('contact_name', text, (c) => c.notNull())
          .addColumn('contact_phone', text)
          .addColumn('contact_email', text)
          .addColumn('title', text, (c) => c.notNull())
          .addColumn('content', text, (c) => c.notNull())
          .addColumn('attachments', text, (c) => c.notNull())
          .addColumn('received_at', text, (c) => c.notNull())
          .addColumn('received_on', text, (c) => c.notNull())
          .addColumn('recorded_by_role', text, (c) => c.notNull())
          .addColumn('recorded_by_id', text, (c) => c.notNull())
          .addColumn('idempotency_scope', text, (c) => c.notNull())
          .addColumn('idempotency_key', text, (c) => c.notNull())
          .addColumn('request_hash', text, (c) => c.notNull())
          .addUniqueConstraint('petitions_idempotency_uq', ['idempotency_scope', 'idempotency_key'])
          .execute();
        await db.schema.createIndex('petitions_uscc_idx').on('petitions').columns(['submitter_uscc', 'id']).execute();
        await db.schema.createIndex('petitions_owner_idx').on('petitions').columns(['owner_subject', 'id']).execute();
        await db.schema.createIndex('petitions_received_idx').on('petitions').columns(['received_on']).execute();

        // The current state: narrow, so status changes do not rewrite the content.
        await db.schema
          .createTable('petition_states')
          .addColumn('petition_id', text, (c) => c.primaryKey().references('petitions.id'))
          .addColumn('status', text, (c) => c.notNull())
          .addColumn('category', text)
          .addColumn('sla_working_days', 'integer')
          .addColumn('paused_working_days', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('paused_at', text)
          .addColumn('paused_on', text)
          .addColumn('accepted_at', text)
          .addColumn('due_on', text)
          .addColumn('due_at', text)
          .addColumn('escalated_at', text)
          .addColumn('closed_at', text)
          .addColumn('refusal_reason', text)
          .addColumn('refusal_explanation', text)
          .addColumn('market_referral', text)
          .addColumn('market_explanation', text)
          .addColumn('expert_opinions', text, (c) => c.notNull().defaultTo('[]'))
          .addColumn('answer_text', text)
          .addColumn('answer_policy_ids', text)
          .addColumn('answered_at', text)
          .addColumn('answer_on_time', 'integer')
          .addColumn('rating_due_on', text)
          .addColumn('satisfaction', text)
          .addColumn('stars_quality', 'integer')
          .addColumn('stars_attitude', 'integer')
          .addColumn('stars_efficiency', 'integer')
          .addColumn('rating_comment', text)
          .addColumn('rating_default', 'integer')
          .addColumn('rated_at', text)
          .addColumn('updated_at', text, (c) => c.notNull())
          .execute();
        // The sweeper's scans: open petitions by due date (covering), answered ones by rating deadline.
        await db.schema.createIndex('petition_states_status_due_idx').on('petition_states').columns(['status', 'due_on', 'petition_id']).execute();
        await db.schema.createIndex('petition_states_status_rating_idx').on('petition_states').columns(['status', 'rating_due_on']).execute();

        await db.schema
          .createTable('petition_assignments')
          .addColumn('petition_id', text, (c) => c.notNull().references('petitions.id'))
          .addColumn('department', text, (c) => c.notNull())
          .addColumn('role', text, (c) => c.notNull())
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('assigned_at', text, (c) => c.notNull())
          .addColumn('answer_text', text)
          .addColumn('answered_at', text)
          .addPrimaryKeyConstraint('petition_assignments_pk', ['petition_id', 'department'])
          .execute();
        await db.schema
          .createIndex('petition_assignments_department_idx')
          .on('petition_assignments')
          .columns(['department', 'petition_id'])
          .execute();

        let events = db.schema.createTable('petition_events');
        events =
          dialect === 'postgres'
            ? events.addColumn('id', 'serial', (c) => c.primaryKey())
            : events.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
        // No foreign key to petitions: on PostgreSQL a per-row RI trigger would dominate the sweeper's
        // bulk inserts, and every writer inserts events for a petition it has just read or created.
        await events
          .addColumn('petition_id', text, (c) => c.notNull())
          .addColumn('type', text, (c) => c.notNull())
          .addColumn('actor_role', text, (c) => c.notNull())
          .addColumn('actor_id', text, (c) => c.notNull())
          .addColumn('department', text)
          .addColumn('occurred_at', text, (c) => c.notNull())
          .addColumn('due_on', text)
          .addColumn('dedupe_key', text)
          .addColumn('payload', text, (c) => c.notNull())
          .execute();
        // One urge per (petition, department, urge number), one escalation, one rating — whoever
        // writes first wins; a second sweeper's insert is ignored (第十一条, 第十三条).
        await db.schema
          .createIndex('petition_events_dedupe_uq')
          .on('petition_events')
          .columns(['petition_id', 'dedupe_key'])
          .unique()
          .execute();
        // No other index on the timeline: the unique index above serves "events of one petition",
        // and every extra index would slow the sweeper's bulk inserts.

        // 第十二条: the timeline is immutable. The database itself refuses UPDATE and DELETE.
        if (dialect === 'postgres') {
          await sql`CREATE FUNCTION petition_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'petition_events is append-only'; END $$`.execute(db);
          await sql`CREATE TRIGGER petition_events_no_update BEFORE UPDATE OR DELETE ON petition_events
            FOR EACH ROW EXECUTE FUNCTION petition_events_append_only()`.execute(db);
        } else {
          await sql`CREATE TRIGGER petition_events_no_update BEFORE UPDATE ON petition_events
            BEGIN SELECT RAISE(ABORT, 'petition_events is append-only'); END`.execute(db);
          await sql`CREATE TRIGGER petition_events_no_delete BEFORE DELETE ON petition_events
            BEGIN SELECT RAISE(ABORT, 'petition_events is append-only'); END`.execute(db);
        }

        await db.schema
          .createTable('calendar_overrides')
          .addColumn('date', text, (c) => c.primaryKey())
          .addColumn('working', 'integer', (c) => c.notNull())
          .addColumn('note', text, (c) => c.notNull())
          .addColumn('updated_at', text, (c) => c.notNull())
          .addColumn('updated_by', text, (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('sweeper_lock')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('last_started_at', text)
          .execute();
        await sql`INSERT INTO sweeper_lock (id, last_started_at) VALUES (1, NULL)`.execute(db);
      },
    },
    // Knowledge-base gaps (DESIGN: search gaps), recorded by the search API (api/src/search-gaps/). No personal data:
    // normalized, scrubbed queries; the caller is a hash kept 24 hours; the final link has no caller at all.
    '2026-11-27-010-search-gaps': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('search_zero_result_queries')
          .addColumn('day', text, (c) => c.notNull())
          .addColumn('locale', text, (c) => c.notNull())
          .addColumn('query', text, (c) => c.notNull())
          .addColumn('count', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('search_zero_result_queries_pk', ['day', 'locale', 'query'])
          .execute();
        await db.schema
          .createTable('search_recent_queries')
          .addColumn('caller_key', text, (c) => c.primaryKey())
          .addColumn('query', text, (c) => c.notNull())
          .addColumn('locale', text, (c) => c.notNull())
          .addColumn('searched_at', text, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('search_recent_queries_at_idx').on('search_recent_queries').columns(['searched_at']).execute();
        await db.schema
          .createTable('search_query_petitions')
          .addColumn('petition_id', text, (c) => c.primaryKey())
          .addColumn('query', text, (c) => c.notNull())
          .addColumn('locale', text, (c) => c.notNull())
          .addColumn('searched_at', text, (c) => c.notNull())
          .addColumn('linked_at', text, (c) => c.notNull())
          .addColumn('linked_on', text, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('search_query_petitions_on_idx').on('search_query_petitions').columns(['linked_on']).execute();
      },
    },
    // 政策找企业 (api/src/matching/): saved enterprise profiles, what the publish watcher has seen of
    // each item, and the match notices, which are also the webhook's durable outbox.
    '2026-11-30-040-policy-matching': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('enterprise_profiles')
          .addColumn('uscc', text, (c) => c.primaryKey())
          .addColumn('profile', text, (c) => c.notNull())
          .addColumn('saved_by', text, (c) => c.notNull())
          .addColumn('created_at', text, (c) => c.notNull())
          .addColumn('updated_at', text, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('policy_match_watermarks')
          .addColumn('document_id', text, (c) => c.primaryKey())
          .addColumn('content_hash', text, (c) => c.notNull())
          .addColumn('seen_at', text, (c) => c.notNull())
          .execute();
        // One row once the first scan has taken its baseline: items already published then are not news.
        await db.schema
          .createTable('policy_match_scan')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('baseline_at', text, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('policy_match_notices')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('uscc', text, (c) => c.notNull())
          .addColumn('item_document_id', text, (c) => c.notNull())
          .addColumn('payload', text, (c) => c.notNull())
          .addColumn('created_at', text, (c) => c.notNull())
          .addColumn('status', text, (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', text, (c) => c.notNull())
          .addColumn('locked_until', text)
          .addColumn('delivered_at', text)
          .addColumn('last_error', text)
          // Once per enterprise and item, whatever the revision.
          .addUniqueConstraint('policy_match_notices_once_uq', ['uscc', 'item_document_id'])
          .execute();
        await db.schema.createIndex('policy_match_notices_due_idx').on('policy_match_notices').columns(['status', 'next_attempt_at']).execute();
      },
    },
    // The notification outbox (api/src/notifications/): one row per (event, recipient, channel), and
    // the workbench inbox that the inbox channel delivers into (one message per delivery).
    '2026-11-30-050-notifications': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('notification_deliveries')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('event_key', text, (c) => c.notNull())
          .addColumn('kind', text, (c) => c.notNull())
          .addColumn('petition_id', text, (c) => c.notNull())
          .addColumn('recipient', text, (c) => c.notNull())
          .addColumn('channel', text, (c) => c.notNull())
          .addColumn('payload', text, (c) => c.notNull())
          .addColumn('status', text, (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', text, (c) => c.notNull())
          .addColumn('lease_until', text)
          .addColumn('last_error', text)
          .addColumn('created_at', text, (c) => c.notNull())
          .addColumn('delivered_at', text)
          .addColumn('parked_at', text)
          .addColumn('updated_at', text, (c) => c.notNull())
          .execute();
        // The primary key is "event_key|recipient|channel": it is the dedupe per (event, recipient,
        // channel) — no second unique index for the sweeper's bulk inserts to maintain.
        await db.schema
          .createIndex('notification_deliveries_due_idx')
          .on('notification_deliveries')
          .columns(['status', 'next_attempt_at'])
          .execute();
        await db.schema
          .createTable('inbox_messages')
          .addColumn('delivery_id', text, (c) => c.primaryKey())
          .addColumn('recipient', text, (c) => c.notNull())
          .addColumn('petition_id', text, (c) => c.notNull())
          .addColumn('kind', text, (c) => c.notNull())
          .addColumn('title', text, (c) => c.notNull())
          .addColumn('body', text, (c) => c.notNull())
          .addColumn('created_at', text, (c) => c.notNull())
          .addColumn('read_at', text)
          .execute();
        await db.schema.createIndex('inbox_messages_recipient_idx').on('inbox_messages').columns(['recipient', 'created_at']).execute();
      },
    },
  };
}

export class MigrationFailedError extends Error {
  override name = 'MigrationFailedError';
}

/**
 * Applies pending migrations in one transaction. A small runner of our own rather than Kysely's
 * Migrator: that one introspects every schema of the database, which races with other schemas being
 * dropped (parallel test suites) and is more than the api needs.
 */
export async function migrateToLatest(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      // PostgreSQL: one migrating instance per schema at a time. SQLite: the write transaction serializes.
      if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.api_migrations'))`.execute(trx);
      await sql`CREATE TABLE IF NOT EXISTS api_migrations (name text PRIMARY KEY, executed_at text NOT NULL)`.execute(trx);
      const done = new Set((await sql<{ name: string }>`SELECT name FROM api_migrations`.execute(trx)).rows.map((r) => r.name));
      for (const [name, migration] of Object.entries(migrations(dialect)).sort(([a], [b]) => a.localeCompare(b))) {
        if (done.has(name)) continue;
        await migration.up(trx);
        await sql`INSERT INTO api_migrations (name, executed_at) VALUES (${name}, ${systemClock.now().toISOString()})`.execute(trx);
      }
    });
  } catch (cause) {
    throw new MigrationFailedError('api database migration failed', { cause });
  }
}
