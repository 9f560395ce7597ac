// The search outbox: one row per content change, written in the same database transaction as the
// change (see outbox-middleware.ts) and consumed by search-sync, which deletes a row once the change
// is searchable in Meilisearch, or parks it (parked_at, last_error) when it cannot be indexed.
// Created with the CMS's own knex at bootstrap, so it lives in CMS_DATABASE_SCHEMA on PostgreSQL
// and in cms.sqlite otherwise. The column set is the contract with search-sync (OutboxRecord in schemas/src/outbox.ts).
import type { Core } from '@strapi/strapi';
import { OUTBOX_TABLE } from '@zone/schemas/cms-contract';

export { OUTBOX_TABLE };

type Knex = Core.Strapi['db']['connection'];

/** The knex query builder for the outbox table, in the CMS schema (PostgreSQL) or the SQLite file. */
export function outboxQuery(strapi: Core.Strapi, knex: Knex = strapi.db.connection) {
  const schema = strapi.db.getSchemaName();
  return schema ? knex(OUTBOX_TABLE).withSchema(schema) : knex(OUTBOX_TABLE);
}

export async function ensureOutboxTable(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  const schemaName = strapi.db.getSchemaName();
  const builder = schemaName ? knex.schema.withSchema(schemaName) : knex.schema;
  if (await builder.hasTable(OUTBOX_TABLE)) return;
  await builder.createTable(OUTBOX_TABLE, (t) => {
    t.bigIncrements('id').primary();
    t.string('uid', 120).notNullable();
    t.string('document_id', 64).nullable();
    t.string('locale', 20).nullable();
    t.string('action', 30).notNullable();
    t.bigInteger('created_at').notNullable();
    // Retry state, owned by search-sync: attempts, the earliest next try, a lease, and the parking place.
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('available_at').notNullable().defaultTo(0);
    t.string('locked_by', 80).nullable();
    t.bigInteger('locked_until').nullable();
    t.bigInteger('parked_at').nullable();
    t.text('last_error').nullable();
    t.index(['parked_at', 'available_at', 'id'], `${OUTBOX_TABLE}_ready_idx`);
    t.index(['uid', 'document_id'], `${OUTBOX_TABLE}_key_idx`);
  });
}

/** How long the SQLite outbox keeps rows: search-sync reads it by cursor and never deletes (see search-sync/src/outbox/outbox.ts). */
export const SQLITE_OUTBOX_RETENTION_MS = 7 * 24 * 3600 * 1000;

/**
 * On SQLite the CMS prunes its own outbox (search-sync only reads cms.sqlite). A change pruned before
 * search-sync saw it (search-sync down for a week) is noticed by search-sync and repaired by a
 * reconcile. On PostgreSQL search-sync deletes the rows it indexed and parked rows stay visible.
 */
export async function pruneOutbox(strapi: Core.Strapi, now = Date.now()): Promise<number> {
  if (strapi.db.getSchemaName()) return 0;
  const client = (strapi.db.connection.client as { config?: { client?: string } }).config?.client ?? '';
  if (!String(client).includes('sqlite')) return 0;
  return outboxQuery(strapi).where('created_at', '<', now - SQLITE_OUTBOX_RETENTION_MS).delete();
}

/** Prunes at boot and every six hours (the timer does not keep the process alive). */
export function schedulePruning(strapi: Core.Strapi): void {
  const run = () => void pruneOutbox(strapi).catch((error: unknown) => strapi.log.warn(`search outbox pruning failed: ${String(error)}`));
  run();
  setInterval(run, 6 * 3600 * 1000).unref();
}
