// The stack record (DATA_DIR/start.lock.json): which supervisor runs on this data directory and the
// process of each component. A new `npm start` reads it first:
// - the supervisor still runs: refuse (two stacks on one data directory would corrupt it);
// - the supervisor is gone but components survive (it was killed, and they did not notice): stop
//   them, so their ports and files are free again.
// A pid is only ever signalled after checking that it is ours: its environment carries the old
// stack's ZONE_STACK_ID (a recycled pid belongs to some other program and is left alone).
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface StackRecord {
  stackId: string;
  supervisorPid: number;
  startedAt: string;
  /** Component name -> pid (each the leader of its own process group). */
  children: Record<string, number>;
}

export const STACK_FILE = 'start.lock.json';
const STOP_GRACE_MS = 5_000;

export function newStackId(): string {
  return randomUUID();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user, so it is certainly not ours.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readProc(pid: number, file: 'environ' | 'cmdline'): string[] {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'latin1').split('\0');
  } catch {
    return [];
  }
}

/** Every process whose environment carries ZONE_STACK_ID=<stackId> (Linux /proc; own user only). */
export function processesOfStack(stackId: string): number[] {
  if (!existsSync('/proc')) return [];
  const marker = `ZONE_STACK_ID=${stackId}`;
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => pid !== process.pid && readProc(pid, 'environ').includes(marker));
}

function supervisorRuns(record: StackRecord, startScript: string): boolean {
  return alive(record.supervisorPid) && readProc(record.supervisorPid, 'cmdline').some((arg) => arg === startScript || arg.endsWith(path.join('scripts', 'start.ts')));
}

function readRecord(file: string): StackRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<StackRecord>;
    if (typeof record.stackId === 'string' && typeof record.supervisorPid === 'number' && record.children && typeof record.children === 'object') return record as StackRecord;
  } catch {
    // unreadable: treated as no record
  }
  return undefined;
}

export class StackAlreadyRunningError extends Error {
  override name = 'StackAlreadyRunningError';
}

/**
 * Stops what is left of an earlier stack on this data directory. Throws StackAlreadyRunningError
 * when its supervisor still runs.
 */
export async function cleanUpStaleStack(dataDir: string, startScript: string, log: (line: string) => void): Promise<void> {
  const file = path.join(dataDir, STACK_FILE);
  if (!existsSync(file)) return;
  const record = readRecord(file);
  if (!record) {
    rmSync(file, { force: true });
    return;
  }
  if (supervisorRuns(record, startScript)) {
    throw new StackAlreadyRunningError(
      `another npm start (pid ${record.supervisorPid}, since ${record.startedAt}) is running on ${dataDir}; stop it with Ctrl-C in its terminal or kill ${record.supervisorPid}`,
    );
  }
  const survivors = processesOfStack(record.stackId);
  const leaders = Object.entries(record.children).filter(([, pid]) => survivors.includes(pid));
  if (survivors.length > 0) {
    const named = leaders.map(([name, pid]) => `${name} (pid ${pid})`);
    const others = survivors.filter((pid) => !leaders.some(([, p]) => p === pid));
    log(
      `found a stale stack from an npm start that is gone (supervisor pid ${record.supervisorPid}): stopping ${[...named, ...others.map((pid) => `pid ${pid}`)].join(', ')}`,
    );
    const signal = (sig: NodeJS.Signals) => {
      for (const [, pid] of leaders) {
        try {
          process.kill(-pid, sig); // the component's whole process group (Meilisearch's binary too)
        } catch {
          // already gone
        }
      }
      for (const pid of processesOfStack(record.stackId)) {
        try {
          process.kill(pid, sig);
        } catch {
          // already gone
        }
      }
    };
    signal('SIGTERM');
    const deadline = Date.now() + STOP_GRACE_MS;
    while (processesOfStack(record.stackId).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (processesOfStack(record.stackId).length > 0) {
      log(`the stale components did not stop within ${STOP_GRACE_MS / 1000} s; killing them`);
      signal('SIGKILL');
      while (processesOfStack(record.stackId).length > 0) await new Promise((r) => setTimeout(r, 100));
    }
  }
  rmSync(file, { force: true });
}

/** Written atomically (rename), readable by the owner only. */
export function writeStackRecord(dataDir: string, record: StackRecord): void {
  const file = path.join(dataDir, STACK_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}

/** Removes the record if it is still this stack's. */
export function removeStackRecord(dataDir: string, stackId: string): void {
  const file = path.join(dataDir, STACK_FILE);
  if (readRecord(file)?.stackId === stackId) rmSync(file, { force: true });
}
