// The queue of content changes, as the worker sees it. Two implementations over the same CMS
// outbox table:
// - PostgreSQL (outbox-store.ts): leases in the table, FOR UPDATE SKIP LOCKED, several workers.
// - SQLite (cursor-outbox.ts): search-sync only READS cms.sqlite and keeps its progress in its own
//   state file. Measured: any write by a second process into the CMS's SQLite file can make an
//   editor's publish fail with SQLITE_BUSY (Strapi's own transactions read before they write, and
//   SQLite cannot upgrade such a transaction when another connection committed meanwhile). On the
//   embedded default there is one worker per data directory.
import type { OutboxRow } from '../cms-db/cms-tables.ts';

export type OutboxChange = Omit<OutboxRow, 'id' | 'attempts' | 'available_at'> & { id: number; attempts: number; available_at: number };

export interface Outbox {
  exists(): Promise<boolean>;
  claim(limit: number, leaseMs: number, now?: number): Promise<OutboxChange[]>;
  complete(ids: number[]): Promise<void>;
  retry(ids: number[], delayMs: (attempts: number) => number, error: string, countAttempt: boolean, now?: number): Promise<void>;
  park(ids: number[], error: string, now?: number): Promise<void>;
  enqueue(changes: Array<{ uid: string; documentId: string | null; locale?: string | null; action: string }>, now?: number): Promise<void>;
  parked(): Promise<OutboxChange[]>;
  unpark(ids?: number[]): Promise<number>;
  pendingCount(): Promise<number>;
  /** True when changes were pruned from the table before this consumer saw them (a reconcile repairs that). */
  missedChanges(): Promise<boolean>;
}
