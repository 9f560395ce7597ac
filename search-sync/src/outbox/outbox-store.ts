// The search outbox as a queue (the table is created by the CMS: cms/src/outbox/outbox-table.ts).
// Claiming takes a lease (locked_by, locked_until) rather than holding row locks while indexing: a
// worker that dies mid-batch simply lets its lease run out, and another worker claims the rows again.
// On PostgreSQL the claim runs under a transaction-scoped advisory lock plus FOR UPDATE SKIP LOCKED,
// and skips every document another worker holds a lease on: two workers never index the same
// document at once, so an older read can never overwrite a newer one in Meilisearch.
import { sql } from 'kysely';
import type { CmsDatabase } from '../cms-db/index.ts';
import type { Outbox, OutboxChange } from './outbox.ts';

export type { Outbox, OutboxChange } from './outbox.ts';

const CLAIM_LOCK = 7_317_001; // pg_advisory_xact_lock key for "search outbox claim"

export class OutboxStore implements Outbox {
  constructor(
    private readonly cms: CmsDatabase,
    private readonly workerId: string,
  ) {}

  async exists(): Promise<boolean> {
    try {
      await this.cms.db.selectFrom('search_outbox').select('id').limit(1).execute();
      return true;
    } catch {
      return false;
    }
  }

  /** Claims up to `limit` ready changes for `leaseMs`. */
  async claim(limit: number, leaseMs: number, now = Date.now()): Promise<OutboxChange[]> {
    const until = now + leaseMs;
    const candidates = (db: CmsDatabase['db']) => {
      const busyKeys = db
        .selectFrom('search_outbox as b')
        .select(sql<string>`b.uid || ':' || coalesce(b.document_id, '')`.as('k'))
        .where('b.locked_until', '>=', now)
        .where('b.locked_by', '!=', this.workerId)
        .where('b.parked_at', 'is', null);
      let q = db
        .selectFrom('search_outbox as o')
        .select('o.id')
        .where('o.parked_at', 'is', null)
        .where('o.available_at', '<=', now)
        .where((eb) => eb.or([eb('o.locked_until', 'is', null), eb('o.locked_until', '<', now)]))
        .where(sql<string>`o.uid || ':' || coalesce(o.document_id, '')`, 'not in', busyKeys)
        .orderBy('o.id')
        .limit(limit);
      if (this.cms.dialect === 'postgres') q = q.forUpdate().skipLocked();
      return q;
    };
    // A read first: polling an empty queue must not take SQLite's write lock every few milliseconds.
    if ((await candidates(this.cms.db).execute()).length === 0) return [];
    // One UPDATE … WHERE id IN (SELECT …) RETURNING statement: atomic on both databases.
    const update = (db: CmsDatabase['db']) =>
      db.updateTable('search_outbox').set({ locked_by: this.workerId, locked_until: until }).where('id', 'in', candidates(db)).returningAll().execute() as Promise<OutboxChange[]>;
    if (this.cms.dialect === 'postgres') {
      return this.cms.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${CLAIM_LOCK})`.execute(trx);
        return update(trx);
      });
    }
    return update(this.cms.db);
  }

  /** Done: the change is searchable (Meilisearch task succeeded). Only rows this worker still leases. */
  async complete(ids: number[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await this.cms.db.deleteFrom('search_outbox').where('id', 'in', ids.slice(i, i + 500)).where('locked_by', '=', this.workerId).execute();
    }
  }

  /** Try again later; `countAttempt` is false for outages (Meilisearch down), which never park a change. */
  async retry(ids: number[], delayMs: (attempts: number) => number, error: string, countAttempt: boolean, now = Date.now()): Promise<void> {
    if (ids.length === 0) return;
    const rows = await this.cms.db.selectFrom('search_outbox').select(['id', 'attempts']).where('id', 'in', ids).execute();
    for (const row of rows) {
      const attempts = row.attempts + (countAttempt ? 1 : 0);
      await this.cms.db
        .updateTable('search_outbox')
        .set({ attempts, available_at: now + delayMs(Math.max(1, attempts)), locked_by: null, locked_until: null, last_error: error.slice(0, 2000) })
        .where('id', '=', row.id)
        .where('locked_by', '=', this.workerId)
        .execute();
    }
  }

  /** Parks changes that cannot succeed: kept, visible (parked_at, last_error), never retried automatically. */
  async park(ids: number[], error: string, now = Date.now()): Promise<void> {
    if (ids.length === 0) return;
    await this.cms.db
      .updateTable('search_outbox')
      .set({ parked_at: now, locked_by: null, locked_until: null, last_error: error.slice(0, 2000), attempts: sql`attempts + 1` })
      .where('id', 'in', ids)
      .execute();
  }

  async enqueue(changes: Array<{ uid: string; documentId: string | null; locale?: string | null; action: string }>, now = Date.now()): Promise<void> {
    for (let i = 0; i < changes.length; i += 200) {
      const values = changes.slice(i, i + 200).map((c) => ({ uid: c.uid, document_id: c.documentId, locale: c.locale ?? null, action: c.action, created_at: now }));
      if (values.length) await this.cms.db.insertInto('search_outbox').values(values).execute();
    }
  }

  async parked(): Promise<OutboxChange[]> {
    return (await this.cms.db.selectFrom('search_outbox').selectAll().where('parked_at', 'is not', null).orderBy('id').execute()) as OutboxChange[];
  }

  /** Puts parked changes back in the queue (after the cause was fixed). */
  async unpark(ids?: number[]): Promise<number> {
    let q = this.cms.db.updateTable('search_outbox').set({ parked_at: null, attempts: 0, available_at: 0 }).where('parked_at', 'is not', null);
    if (ids) q = q.where('id', 'in', ids);
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  async missedChanges(): Promise<boolean> {
    // search-sync deletes the rows it has indexed; nothing is pruned behind its back on PostgreSQL.
    return false;
  }

  async pendingCount(): Promise<number> {
    const r = await this.cms.db.selectFrom('search_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('parked_at', 'is', null).executeTakeFirst();
    return Number(r?.n ?? 0);
  }
}
