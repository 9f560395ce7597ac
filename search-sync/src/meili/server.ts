// Starts the embedded Meilisearch as a child process: bound to 127.0.0.1, analytics off, data in
// `<dataDir>/meilisearch/`, and a master key generated on the first start and kept there (0600).
// Used by `npm start` (search-sync/src/cli/meili-server.ts) and by the test helpers.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RetryableError } from '../errors/index.ts';
import { installMeiliBinary } from './binary.ts';

export interface MeiliServerOptions {
  /** Holds data.ms, dumps and the master key. */
  dataDir: string;
  port: number;
  /** Where the executable copy lives (default: dataDir); tests share one copy between suites. */
  binaryDir?: string;
  production?: boolean;
  onLog?: (line: string) => void;
  /**
   * Let the kernel kill Meilisearch when this process dies, SIGKILL included (prctl PDEATHSIG through
   * util-linux's setpriv, where it exists: Node cannot set it itself). `npm start` asks for it.
   */
  dieWithParent?: boolean;
  /** Meilisearch's `--max-indexing-memory` (default {@link DEFAULT_MAX_INDEXING_MEMORY}). */
  maxIndexingMemory?: string;
}

/**
 * The indexing memory the embedded Meilisearch is given. Its own default is two thirds of the
 * machine's RAM, and every indexing batch pays for that size, one document or many: on the 24 GiB
 * development machine a one-document addition took p50 280 ms, p99 ~1 s with the default (16 GiB),
 * 69 / 240 ms with 4 GiB and 35–41 / 90–102 ms with 64 MiB–1 GiB (`meili-probe.ts --part tasks`,
 * README "Freshness"). 1 GiB keeps one-document batches at that floor and leaves bulk reindexing room.
 */
export const DEFAULT_MAX_INDEXING_MEMORY = '1GiB';

const SETPRIV = '/usr/bin/setpriv';

export interface MeiliServer {
  host: string;
  masterKey: string;
  process: ChildProcess;
  /** SIGTERM, then SIGKILL after the grace period. */
  stop(graceMs?: number): Promise<void>;
}

/** The master key kept in the data directory, generated on first use. */
export function embeddedMasterKey(dataDir: string): string {
  const file = path.join(dataDir, 'master-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

export async function waitForMeili(host: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${host}/health`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new RetryableError('MEILI_UNAVAILABLE', `Meilisearch did not answer at ${host}/health within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startMeiliServer(options: MeiliServerOptions): Promise<MeiliServer> {
  const dir = path.resolve(options.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const binary = installMeiliBinary(options.binaryDir ?? dir);
  const masterKey = embeddedMasterKey(dir);
  const host = `http://127.0.0.1:${options.port}`;
  const pdeathsig = options.dieWithParent && existsSync(SETPRIV);
  const child = spawn(
    pdeathsig ? SETPRIV : binary,
    [
      ...(pdeathsig ? ['--pdeathsig', 'KILL', binary] : []),
      '--db-path', path.join(dir, 'data.ms'),
      '--dump-dir', path.join(dir, 'dumps'),
      '--snapshot-dir', path.join(dir, 'snapshots'),
      '--http-addr', `127.0.0.1:${options.port}`,
      '--env', options.production ? 'production' : 'development',
      '--no-analytics',
      '--log-level', 'WARN',
    ],
    // The key goes through the environment, not argv, so `ps` does not show it.
    {
      cwd: dir,
      env: { ...process.env, MEILI_MASTER_KEY: masterKey, MEILI_MAX_INDEXING_MEMORY: options.maxIndexingMemory ?? DEFAULT_MAX_INDEXING_MEMORY },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log = options.onLog;
  if (log) {
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (d: Buffer) => d.toString().split(/\r?\n/).filter(Boolean).forEach((l) => log(l)));
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Never leave an orphaned Meilisearch behind when the parent exits without stopping it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));
  const stop = async (graceMs = 5_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  try {
    await Promise.race([
      waitForMeili(host, 30_000),
      exited.then(() => {
        throw new RetryableError('MEILI_UNAVAILABLE', `Meilisearch exited during start (port ${options.port} in use?)`);
      }),
    ]);
  } catch (error) {
    await stop(1_000);
    throw error;
  }
  return { host, masterKey, process: child, stop };
}
