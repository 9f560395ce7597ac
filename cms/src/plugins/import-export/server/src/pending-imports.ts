// A previewed upload waits here, parsed, under a random id until the specialist confirms it, so the
// confirmation imports exactly the rows that were previewed (not a file sent again, which could
// differ). Kept in the CMS process's memory: the CMS runs as one process (docker-compose.yml), an
// upload is at most LIMITS.maxUploadBytes, and a restart only means uploading the file again.
import { randomUUID } from 'node:crypto';
import type { Locale, ReadResult } from '../../../../import';
import type { DepartmentRef } from './staff';
import { LIMITS } from './limits';

export interface PendingImport {
  id: string;
  userId: string;
  fileName: string;
  input: ReadResult;
  department: DepartmentRef;
  locale: Locale;
  /** The options of the last preview: the confirmation uses these, never new ones. */
  publish: boolean;
  expiresAt: number;
}

export class PendingImports {
  private readonly entries = new Map<string, PendingImport>();

  constructor(private readonly now: () => number = Date.now) {}

  add(entry: Omit<PendingImport, 'id' | 'expiresAt'>): PendingImport {
    this.sweep();
    const mine = [...this.entries.values()].filter((e) => e.userId === entry.userId).sort((a, b) => a.expiresAt - b.expiresAt);
    for (const old of mine.slice(0, Math.max(0, mine.length - LIMITS.maxPendingPerUser + 1))) this.entries.delete(old.id);
    const pending: PendingImport = { ...entry, id: randomUUID(), expiresAt: this.now() + LIMITS.previewTtlMs };
    this.entries.set(pending.id, pending);
    return pending;
  }

  /** The user's own pending import, if it has not expired; another user's id is as good as unknown. */
  get(id: string, userId: string): PendingImport | undefined {
    this.sweep();
    const entry = this.entries.get(id);
    return entry && entry.userId === userId ? entry : undefined;
  }

  /** Takes the entry out, so one preview is confirmed at most once (a double click imports once). */
  take(id: string, userId: string): PendingImport | undefined {
    const entry = this.get(id, userId);
    if (entry) this.entries.delete(id);
    return entry;
  }

  clear(): void {
    this.entries.clear();
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}
