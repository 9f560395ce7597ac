// The whole `npm start` (Meilisearch, the CMS, search-sync, the api; the real ones) on its own data
// directory and ports: killed with SIGKILL it leaves no component behind and /readyz stops answering;
// the next `npm start` comes up on the same ports without seeding again; a killed api is restarted.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminBuild } from '../../scripts/start/admin-build.ts';
import { freePort } from '../helpers/meili.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function processesOn(dataDir: string): number[] {
  const marker = `DATA_DIR=${dataDir}`;
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        return readFileSync(`/proc/${e}/environ`, 'latin1').split('\0').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

describe('npm start, the whole stack', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let ports: { cms: number; api: number; meili: number; sync: number };
  const started: ChildProcess[] = [];

  beforeAll(async () => {
    // npm start builds the admin when it is stale too; done here so that the start is timed alone.
    await ensureAdminBuild(() => {});
    dataDir = mkdtempSync(path.join(tmpdir(), 'zone-full-stack-'));
    ports = { cms: await freePort(), api: await freePort(), meili: await freePort(), sync: await freePort() };
    env = {
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      CMS_PORT: String(ports.cms),
      PORT: String(ports.api),
      MEILI_PORT: String(ports.meili),
      SYNC_HEALTH_PORT: String(ports.sync),
      DEMO_PASSWORD: 'Demo-Passw0rd',
    };
    for (const key of ['DATABASE_URL', 'MEILI_HOST', 'START_ONLY', 'SEED_DEMO', 'CMS_HOST', 'HOST']) delete env[key];
  }, 600_000);

  afterAll(() => {
    for (const child of started) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }
    for (const pid of processesOn(dataDir)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  function npmStart(): { output: () => string } {
    const child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    started.push(child);
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    return { output: () => output };
  }
  const record = () => JSON.parse(readFileSync(path.join(dataDir, 'start.lock.json'), 'utf8')) as { supervisorPid: number; children: Record<string, number> };
  const readyz = () => answers(`http://127.0.0.1:${ports.api}/readyz`);

  it('leaves nothing behind when its supervisor is killed, starts again without reseeding, and restarts a killed api', { timeout: 900_000 }, async () => {
    const first = npmStart();
    await until('the first start is ready', () => first.output().includes('Press Ctrl-C to stop everything.'), 300_000);
    expect(first.output()).toContain('Demo content seeded');
    expect(await readyz()).toBe(true);
    expect(Object.keys(record().children).sort()).toEqual(['api', 'cms', 'meilisearch', 'search-sync']);

    process.kill(record().supervisorPid, 'SIGKILL');
    await until('no component of the killed stack is left', () => processesOn(dataDir).length === 0, 60_000);
    expect(await readyz()).toBe(false);
    expect(await answers(`http://127.0.0.1:${ports.cms}/_health`)).toBe(false);

    const second = npmStart();
    await until('the second start is ready', () => second.output().includes('Press Ctrl-C to stop everything.'), 300_000);
    expect(second.output()).not.toContain('EADDRINUSE');
    expect(second.output()).not.toContain('Demo content seeded');
    expect(await readyz()).toBe(true);

    process.kill(record().children.api!, 'SIGKILL');
    await until('the supervisor restarts the api', () => second.output().includes('api was killed by SIGKILL; restarting in 2 s'), 30_000);
    await until('/readyz answers again', readyz, 120_000);

    process.kill(record().supervisorPid, 'SIGTERM');
    await until('everything stopped', () => processesOn(dataDir).length === 0, 60_000);
    expect(existsSync(path.join(dataDir, 'start.lock.json'))).toBe(false);
  });
});
