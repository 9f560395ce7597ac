// Loads the CMS for a command-line job (import, export): compiles cms/ to cms/dist when the
// compiled files are missing or older than their sources, then loads Strapi without an HTTP server.
// The CMS reads its settings (DATA_DIR, DATABASE_URL, ...) from cms/src/env.ts as usual, except that
// a command never seeds demo content, even when the shell exported SEED_DEMO=1 for `npm start`.
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Core } from '@strapi/strapi';
import { embeddedDatabaseFile } from '../src/env';
import { ImportOptionError } from '../src/import';

// Strapi's ESM build is broken under plain Node; its CommonJS build is what we load.
const requireCjs = createRequire(__filename);
export const CMS_DIR = path.resolve(__dirname, '..');
const DIST_DIR = path.join(CMS_DIR, 'dist');

/** Source files and the compiled file each one must have, not older than itself. */
function* compiledPairs(dir: string): Generator<[string, string]> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    const rel = path.relative(CMS_DIR, file);
    if (entry.isDirectory()) {
      // Built by the admin bundler, not tsc: the app's admin and each local plugin's admin half.
      if (rel === path.join('src', 'admin') || /^src[\\/]plugins[\\/][^\\/]+[\\/]admin$/.test(rel)) continue;
      yield* compiledPairs(file);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !/\.test\.ts$/.test(entry.name)) {
      yield [file, path.join(DIST_DIR, rel.replace(/\.ts$/, '.js'))];
    } else if (entry.name === 'schema.json') {
      yield [file, path.join(DIST_DIR, rel)];
    }
  }
}

export function distIsStale(): boolean {
  for (const dir of ['src', 'config']) {
    for (const [source, compiled] of compiledPairs(path.join(CMS_DIR, dir))) {
      if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(source).mtimeMs) return true;
    }
  }
  return false;
}

export interface BootedCms {
  strapi: Core.Strapi;
  /** Always call it: it closes the database connection so the process can end. */
  close(): Promise<void>;
}

export async function bootCms(options: { log?: (line: string) => void } = {}): Promise<BootedCms> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  process.env.SEED_DEMO = '0';
  const { compileStrapi, createStrapi } = requireCjs('@strapi/strapi') as typeof import('@strapi/strapi');
  if (distIsStale()) {
    log('正在编译 CMS（cms/dist 缺失或已过期）…');
    await compileStrapi({ appDir: CMS_DIR });
  }
  const strapi = createStrapi({ appDir: CMS_DIR, distDir: DIST_DIR, autoReload: false, serveAdminPanel: false });
  // Strapi logs to stdout; a command's own output (e.g. --json) must stay readable there.
  strapi.log.level = 'error';
  await strapi.load();
  return {
    strapi,
    close: async () => {
      // Work the CMS started in the background at boot (on PostgreSQL it can still hold connections
      // when a short command is done) finishes first: destroying the pool under it crashes the
      // command with tarn's "aborted" after the job itself succeeded.
      const pool = (strapi.db.connection as unknown as { client: { pool?: { numUsed(): number; numPendingAcquires(): number } } }).client.pool;
      const deadline = Date.now() + 10_000;
      while (pool && pool.numUsed() + pool.numPendingAcquires() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await strapi.destroy();
    },
  };
}

/**
 * A consistent copy of the embedded SQLite database (SQLite's online backup, safe while `npm start`
 * writes) in a private temporary data directory, for a job that must not write: booting Strapi writes
 * housekeeping rows of its own, so a dry run boots on the copy and the real file is never opened for
 * writing. Undefined on PostgreSQL.
 */
async function scratchCopy(): Promise<string | undefined> {
  const database = embeddedDatabaseFile();
  if (!database) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'zone-dry-run-'));
  const source = new BetterSqlite3(database, { readonly: true, fileMustExist: true });
  try {
    await source.backup(path.join(dir, 'cms.sqlite'));
  } finally {
    source.close();
  }
  const secrets = path.join(path.dirname(database), 'cms-secrets.json');
  if (existsSync(secrets)) copyFileSync(secrets, path.join(dir, 'cms-secrets.json'));
  return dir;
}

/**
 * Runs a command's job with the CMS loaded and always closes it. A bad option found on the way
 * (ImportOptionError, e.g. an unknown department) is printed and exits 1; anything else propagates.
 * `readOnly`: the job runs on a copy of the embedded SQLite database (see scratchCopy).
 */
export async function withCms(job: (strapi: Core.Strapi) => Promise<number>, options: { readOnly?: boolean } = {}): Promise<number> {
  let cms: BootedCms | undefined;
  const scratch = options.readOnly ? await scratchCopy() : undefined;
  // The CMS reads DATA_DIR in cms/src/env.ts when it boots: point it at the copy.
  if (scratch) process.env.DATA_DIR = scratch;
  try {
    cms = await bootCms();
    return await job(cms.strapi);
  } catch (error) {
    if (error instanceof ImportOptionError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await cms?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
