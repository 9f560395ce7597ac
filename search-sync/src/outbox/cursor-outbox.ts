// The SQLite outbox consumer (see outbox.ts for why it never writes to cms.sqlite): it reads rows
// past its cursor, and keeps the cursor, the retries, the parked changes and the queued follow-ups
// (related documents, reconcile and expiry repairs) in a state file next to the data, written
// atomically (temp file + rename) before anything is acknowledged. Rows the CMS pruned (older than
// its retention) before search-sync saw them are detected and repaired by a reconcile.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { CmsDatabase } from '../cms-db/index.ts';
import type { Outbox, OutboxChange } from './outbox.ts';

interface State {
  cursor: number;
  /** Local changes (follow-ups, retries) get negative ids so they never collide with table ids. */
  nextLocalId: number;
  local: OutboxChange[];
  parked: OutboxChange[];
}

export class CursorOutbox implements Outbox {
  private state: State = { cursor: 0, nextLocalId: -1, local: [], parked: [] };
  private loadedMtime = -1;
  private inFlight = new Map<number, OutboxChange>();

  constructor(
    private readonly cms: CmsDatabase,
    private readonly file: string,
  ) {
    this.load();
  }

  /** Re-reads the state file when another process (a previous worker) changed it. */
  private load(): void {
    if (!existsSync(this.file)) return;
    const mtime = statSync(this.file).mtimeMs;
    if (mtime === this.loadedMtime) return;
    this.state = JSON.parse(readFileSync(this.file, 'utf8')) as State;
    this.loadedMtime = mtime;
  }

  private save(): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.state));
    renameSync(temp, this.file);
    this.loadedMtime = statSync(this.file).mtimeMs;
  }

  async exists(): Promise<boolean> {
    try {
      await this.cms.db.selectFrom('search_outbox').select('id').limit(1).execute();
      return true;
    } catch {
      return false;
    }
  }

  async claim(limit: number, _leaseMs: number, now = Date.now()): Promise<OutboxChange[]> {
    if (this.inFlight.size === 0) this.load();
    const local = this.state.local.filter((c) => c.available_at <= now && !this.inFlight.has(c.id)).slice(0, limit);
    const afterCursor = Math.max(this.state.cursor, ...[...this.inFlight.keys()].filter((id) => id > 0));
    const rows = limit - local.length > 0
      ? ((await this.cms.db.selectFrom('search_outbox').selectAll().where('id', '>', afterCursor).orderBy('id').limit(limit - local.length).execute()) as OutboxChange[])
      : [];
    const claimed = [...local, ...rows.map((r) => ({ ...r, attempts: 0, available_at: 0 }))];
    for (const c of claimed) this.inFlight.set(c.id, c);
    return claimed;
  }

  private settle(ids: number[]): OutboxChange[] {
    const settled = ids.flatMap((id) => {
      const c = this.inFlight.get(id) ?? this.state.local.find((l) => l.id === id);
      this.inFlight.delete(id);
      return c ? [c] : [];
    });
    const done = new Set(ids);
    this.state.local = this.state.local.filter((l) => !done.has(l.id));
    // The cursor passes table rows that are settled; rows still in flight keep it behind them.
    const pendingTable = [...this.inFlight.keys()].filter((id) => id > 0);
    const settledTable = settled.filter((c) => c.id > 0).map((c) => c.id);
    if (settledTable.length) {
      const high = Math.max(...settledTable);
      const floor = pendingTable.length ? Math.min(...pendingTable) - 1 : high;
      this.state.cursor = Math.max(this.state.cursor, Math.min(high, floor));
    }
    return settled;
  }

  async complete(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    this.settle(ids);
    this.save();
  }

  async retry(ids: number[], delayMs: (attempts: number) => number, error: string, countAttempt: boolean, now = Date.now()): Promise<void> {
    if (ids.length === 0) return;
    for (const c of this.settle(ids)) {
      const attempts = c.attempts + (countAttempt ? 1 : 0);
      this.state.local.push({ ...c, id: c.id > 0 ? this.state.nextLocalId-- : c.id, attempts, available_at: now + delayMs(Math.max(1, attempts)), last_error: error.slice(0, 2000) });
    }
    this.save();
  }

  async park(ids: number[], error: string, now = Date.now()): Promise<void> {
    if (ids.length === 0) return;
    for (const c of this.settle(ids)) this.state.parked.push({ ...c, attempts: c.attempts + 1, parked_at: now, last_error: error.slice(0, 2000) });
    this.save();
  }

  async enqueue(changes: Array<{ uid: string; documentId: string | null; locale?: string | null; action: string }>, now = Date.now()): Promise<void> {
    if (changes.length === 0) return;
    for (const c of changes) {
      this.state.local.push({ id: this.state.nextLocalId--, uid: c.uid, document_id: c.documentId, locale: c.locale ?? null, action: c.action, created_at: now, attempts: 0, available_at: 0, locked_by: null, locked_until: null, parked_at: null, last_error: null });
    }
    this.save();
  }

  async parked(): Promise<OutboxChange[]> {
    this.load();
    return [...this.state.parked];
  }

  async unpark(ids?: number[]): Promise<number> {
    this.load();
    const back = this.state.parked.filter((p) => !ids || ids.includes(p.id));
    this.state.parked = this.state.parked.filter((p) => !back.includes(p));
    for (const p of back) this.state.local.push({ ...p, id: this.state.nextLocalId--, parked_at: null, attempts: 0, available_at: 0 });
    this.save();
    return back.length;
  }

  async pendingCount(): Promise<number> {
    if (this.inFlight.size === 0) this.load();
    const r = await this.cms.db.selectFrom('search_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('id', '>', this.state.cursor).executeTakeFirst();
    return Number(r?.n ?? 0) + this.state.local.length;
  }

  async missedChanges(): Promise<boolean> {
    const r = await this.cms.db.selectFrom('search_outbox').select((eb) => eb.fn.min<number>('id').as('first')).executeTakeFirst();
    const first = r?.first === null || r?.first === undefined ? null : Number(r.first);
    return first !== null && first > this.state.cursor + 1 && this.state.cursor > 0;
  }
}
