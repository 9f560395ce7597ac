// search-sync's one env module: every setting is read and validated here, at boot, and nowhere
// else. A missing or contradictory setting stops the start with a sentence that says what to set.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

function findRepoRoot(): string {
  let dir = import.meta.dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && 'workspaces' in (JSON.parse(readFileSync(pkg, 'utf8')) as object)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** The bytes a size such as 1GiB, 512 MB or 2147483648 stands for (KB = 1000, KiB = 1024, as Meilisearch reads them). */
function indexingMemoryBytes(size: string): bigint {
  const [, digits = '0', unit = 'B'] = /^([0-9]+) *([A-Za-z]*)$/.exec(size) ?? [];
  const power = ' KMGT'.indexOf(unit[0] === 'B' ? ' ' : unit[0]!);
  return BigInt(digits) * (unit.includes('i') ? 1024n : 1000n) ** BigInt(Math.max(power, 0));
}

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite file)').optional(),
  CMS_DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'CMS_DATABASE_SCHEMA must be a lower-case SQL identifier').default('public'),
  MEILI_HOST: z.string().url('MEILI_HOST must be a URL such as http://meilisearch:7700').optional(),
  MEILI_MASTER_KEY: z.string().min(16, 'MEILI_MASTER_KEY must be at least 16 bytes (Meilisearch requires it)').optional(),
  MEILI_PORT: int(1, 65535, 7700),
  MEILI_INDEX_PREFIX: z.string().regex(/^[A-Za-z0-9_-]*$/, 'MEILI_INDEX_PREFIX may contain letters, digits, _ and - only').default(''),
  MEILI_TIMEOUT_MS: int(100, 120_000, 5_000),
  MEILI_TASK_TIMEOUT_MS: int(100, 600_000, 30_000),
  MEILI_SEARCH_KEY_FILE: z.string().optional(),
  // The embedded Meilisearch's indexing memory (its --max-indexing-memory; see meili/server.ts).
  // Meilisearch refuses to start on a size of 2^64 bytes or more, and on any blank but spaces before the unit.
  MEILI_MAX_INDEXING_MEMORY: z
    .string()
    .regex(/^[1-9][0-9]* *(B|[KMGT]i?B)?$/, 'MEILI_MAX_INDEXING_MEMORY must be a size such as 1GiB or 512MiB')
    .refine((s) => indexingMemoryBytes(s) < 2n ** 64n, 'MEILI_MAX_INDEXING_MEMORY must be less than 16 EiB (2^64 bytes, the most Meilisearch accepts)')
    .optional(),
  SYNC_BATCH_SIZE: int(1, 10_000, 200),
  SYNC_POLL_MS: int(5, 60_000, 50),
  SYNC_LEASE_MS: int(1_000, 3_600_000, 60_000),
  SYNC_MAX_ATTEMPTS: int(1, 100, 8),
  SYNC_BACKOFF_BASE_MS: int(10, 600_000, 500),
  SYNC_BACKOFF_MAX_MS: int(100, 3_600_000, 60_000),
  SYNC_RECONCILE_INTERVAL_S: int(0, 86_400, 900),
  SYNC_EXPIRY_INTERVAL_S: int(0, 86_400, 60),
  SYNC_HEALTH_PORT: int(0, 65535, 7701),
  // SQLite only: the loopback UDP port the CMS signals after each commit (0 = poll only). The CMS
  // reads the same variable (cms/src/env.ts). PostgreSQL uses LISTEN/NOTIFY instead.
  SYNC_WAKE_PORT: int(0, 65535, 7702),
  SYNC_WORKER_ID: z.string().max(60).optional(),
});

export interface MeiliTarget {
  /** external: MEILI_HOST given; embedded: the binary started by `npm start` from the data directory. */
  kind: 'external' | 'embedded';
  host: string;
  /** The master key (external) or undefined (embedded: read from the data directory). */
  masterKey: string | undefined;
}

export interface SyncEnv {
  nodeEnv: 'development' | 'production' | 'test';
  dataDir: string;
  database: { client: 'sqlite'; filename: string } | { client: 'postgres'; connectionString: string; schema: string };
  meili: MeiliTarget & { port: number; indexPrefix: string; timeoutMs: number; taskTimeoutMs: number; searchKeyFile: string; maxIndexingMemory: string | undefined };
  sync: {
    batchSize: number;
    pollMs: number;
    leaseMs: number;
    maxAttempts: number;
    backoffBaseMs: number;
    backoffMaxMs: number;
    reconcileIntervalS: number;
    expiryIntervalS: number;
    healthPort: number;
    wakePort: number;
    workerId: string | undefined;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly code = 'SYNC_CONFIG';
}

function fail(sentence: string): never {
  throw new ConfigError(`search-sync configuration error: ${sentence}`);
}

/** Reads and validates the environment (process.env by default; tests pass their own). */
export function syncEnv(source: Record<string, string | undefined> = process.env): SyncEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`);
  }
  const raw = parsed.data;
  const production = raw.NODE_ENV === 'production';
  const dataDir = path.resolve(raw.DATA_DIR ?? path.join(findRepoRoot(), '.data'));
  if (production && !raw.DATABASE_URL) fail('set DATABASE_URL to the CMS PostgreSQL database (production does not use the embedded SQLite file)');
  if (production && !raw.MEILI_HOST) fail('set MEILI_HOST and MEILI_MASTER_KEY to the Meilisearch server (production does not start the embedded binary)');
  if (raw.MEILI_HOST && !raw.MEILI_MASTER_KEY) fail('MEILI_HOST is set: also set MEILI_MASTER_KEY (the key search-sync derives its admin and search-only keys from)');
  if (!raw.MEILI_HOST && raw.MEILI_MASTER_KEY) fail('MEILI_MASTER_KEY is set without MEILI_HOST: set MEILI_HOST too, or unset both to use the embedded Meilisearch');
  if (raw.SYNC_BACKOFF_MAX_MS < raw.SYNC_BACKOFF_BASE_MS) fail('SYNC_BACKOFF_MAX_MS must not be smaller than SYNC_BACKOFF_BASE_MS');
  return {
    nodeEnv: raw.NODE_ENV,
    dataDir,
    database: raw.DATABASE_URL
      ? { client: 'postgres', connectionString: raw.DATABASE_URL, schema: raw.CMS_DATABASE_SCHEMA }
      : { client: 'sqlite', filename: path.join(dataDir, 'cms.sqlite') },
    meili: {
      kind: raw.MEILI_HOST ? 'external' : 'embedded',
      host: raw.MEILI_HOST ?? `http://127.0.0.1:${raw.MEILI_PORT}`,
      masterKey: raw.MEILI_MASTER_KEY,
      port: raw.MEILI_PORT,
      indexPrefix: raw.MEILI_INDEX_PREFIX,
      timeoutMs: raw.MEILI_TIMEOUT_MS,
      taskTimeoutMs: raw.MEILI_TASK_TIMEOUT_MS,
      searchKeyFile: path.resolve(raw.MEILI_SEARCH_KEY_FILE ?? path.join(dataDir, 'meili-search-key.json')),
      maxIndexingMemory: raw.MEILI_MAX_INDEXING_MEMORY,
    },
    sync: {
      batchSize: raw.SYNC_BATCH_SIZE,
      pollMs: raw.SYNC_POLL_MS,
      leaseMs: raw.SYNC_LEASE_MS,
      maxAttempts: raw.SYNC_MAX_ATTEMPTS,
      backoffBaseMs: raw.SYNC_BACKOFF_BASE_MS,
      backoffMaxMs: raw.SYNC_BACKOFF_MAX_MS,
      reconcileIntervalS: raw.SYNC_RECONCILE_INTERVAL_S,
      expiryIntervalS: raw.SYNC_EXPIRY_INTERVAL_S,
      healthPort: raw.SYNC_HEALTH_PORT,
      wakePort: raw.SYNC_WAKE_PORT,
      workerId: raw.SYNC_WORKER_ID,
    },
  };
}
