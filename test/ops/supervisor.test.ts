// `npm start`'s supervisor, run as a person runs it (`npm start` in a terminal), with the real
// embedded Meilisearch (START_ONLY=meilisearch: the one component that needs no admin build):
// - killed with SIGKILL, it leaves nothing running: no wrapper, no Meilisearch binary;
// - a second `npm start` on the same data directory and port then starts normally;
// - a Meilisearch that is killed comes back, and the log says when;
// - a stack whose components outlived their supervisor is stopped by the next start, which
//   signals only processes proven to be that stack's (a pid it cannot prove is left alone);
// - a second start while the first still runs is refused.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/meili.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Processes whose environment names this data directory: everything a stack on it started. */
function processesOn(dataDir: string): Array<{ pid: number; cmdline: string }> {
  const marker = `DATA_DIR=${dataDir}`;
  const found: Array<{ pid: number; cmdline: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(marker)) continue;
      found.push({ pid: Number(entry), cmdline: readFileSync(`/proc/${entry}/cmdline`, 'latin1').split('\0').join(' ') });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Running (a zombie, dead but not yet reaped by this container's init, does not count). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return false;
  }
};

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

interface Started { child: ChildProcess; output: () => string; exited: Promise<number | null> }

function npmStart(dataDir: string, port: number): Started {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, START_ONLY: 'meilisearch', MEILI_PORT: String(port), NODE_ENV: 'development' };
  delete env.MEILI_HOST;
  delete env.DATABASE_URL;
  // Its own process group, as a terminal gives it: the test can clean up after a failure.
  const child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

const record = (dataDir: string) => JSON.parse(readFileSync(path.join(dataDir, 'start.lock.json'), 'utf8')) as { stackId: string; supervisorPid: number; children: Record<string, number> };
const meiliBinary = (dataDir: string) => processesOn(dataDir).find((p) => p.cmdline.includes('--db-path'))?.pid;

describe('npm start supervisor (real Meilisearch)', () => {
  let scratch: string;
  const started: Started[] = [];

  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'zone-supervisor-'));
  });
  afterAll(() => {
    for (const s of started) {
      try {
        process.kill(-s.child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const dir of readdirSync(scratch)) for (const p of processesOn(path.join(scratch, dir))) process.kill(p.pid, 'SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  });

  it('leaves no orphans when killed with SIGKILL, starts again on the same port, and restarts a killed Meilisearch', { timeout: 180_000 }, async () => {
    const dataDir = path.join(scratch, 'a');
    const port = await freePort();
    const first = npmStart(dataDir, port);
    started.push(first);
    await until('the first start is ready', () => first.output().includes('Press Ctrl-C to stop everything.'), 90_000);
    expect(await healthy(port)).toBe(true);
    const { supervisorPid, children } = record(dataDir);
    const binary = meiliBinary(dataDir);
    expect(binary).toBeDefined();
    expect(children.meilisearch).toBeGreaterThan(0);

    process.kill(supervisorPid, 'SIGKILL');
    // Everything the stack started notices within a second or two: the wrapper (its stdin pipe
    // closed), the binary (PDEATHSIG), npm and tsx's launcher (their child ended).
    await until('no process of the killed stack is left', () => processesOn(dataDir).length === 0, 20_000);
    expect(alive(children.meilisearch!)).toBe(false);
    expect(alive(binary!)).toBe(false);
    expect(await healthy(port)).toBe(false);

    const second = npmStart(dataDir, port);
    started.push(second);
    await until('the second start is ready', () => second.output().includes('Press Ctrl-C to stop everything.'), 90_000);
    expect(second.output()).not.toContain('address already in use');
    expect(await healthy(port)).toBe(true);

    const secondBinary = meiliBinary(dataDir)!;
    process.kill(secondBinary, 'SIGKILL');
    await until('the supervisor says it restarts Meilisearch', () => second.output().includes('start       | meilisearch exited with code 1; restarting in 2 s'), 15_000);
    await until('Meilisearch answers again', () => healthy(port), 30_000);
    expect(meiliBinary(dataDir)).not.toBe(secondBinary);

    // Ctrl-C's path: SIGTERM to the supervisor stops everything and removes the stack record.
    process.kill(record(dataDir).supervisorPid, 'SIGTERM');
    await until('no process left after a normal stop', () => processesOn(dataDir).length === 0, 20_000);
    expect(existsSync(path.join(dataDir, 'start.lock.json'))).toBe(false);
    // The data directory and the master key are the owner's only.
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dataDir, 'meilisearch', 'master-key')).mode & 0o777).toBe(0o600);
  });

  it('stops a stale stack left by a supervisor that is gone, touching only processes proven to be its own', { timeout: 180_000 }, async () => {
    const dataDir = path.join(scratch, 'b');
    const port = await freePort();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dataDir, { recursive: true });
    const staleId = 'stale-stack-0000';
    // A component that outlived its supervisor and even ignores SIGTERM (a hung one), and a process
    // that is not the stack's although its pid is in the record (a recycled pid).
    const standIn = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], {
      env: { ...process.env, ZONE_STACK_ID: staleId, DATA_DIR: dataDir },
      stdio: 'ignore',
      detached: true,
    });
    const foreign = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore', detached: true });
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => gone.once('exit', r));
    try {
      writeFileSync(
        path.join(dataDir, 'start.lock.json'),
        JSON.stringify({ stackId: staleId, supervisorPid: gone.pid, startedAt: '2026-11-30T00:00:00.000Z', children: { api: standIn.pid, cms: foreign.pid } }),
      );
      const start = npmStart(dataDir, port);
      started.push(start);
      await until('the start is ready', () => start.output().includes('Press Ctrl-C to stop everything.'), 90_000);
      expect(start.output()).toContain(`found a stale stack from an npm start that is gone (supervisor pid ${gone.pid}): stopping api (pid ${standIn.pid})`);
      expect(start.output()).toContain('the stale components did not stop within 5 s; killing them');
      expect(alive(standIn.pid!)).toBe(false);
      expect(alive(foreign.pid!)).toBe(true);

      // While it runs, another start on the same data directory is refused.
      const again = npmStart(dataDir, await freePort());
      started.push(again);
      expect(await again.exited).toBe(1);
      expect(again.output()).toContain(`another npm start (pid ${record(dataDir).supervisorPid}`);
      expect(await healthy(port)).toBe(true);

      process.kill(record(dataDir).supervisorPid, 'SIGTERM');
      await until('no process left after a normal stop', () => processesOn(dataDir).length === 0, 20_000);
    } finally {
      foreign.kill('SIGKILL');
      standIn.kill('SIGKILL');
    }
  });
});
