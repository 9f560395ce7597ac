// Strapi's first boot on an empty database creates its ~150 tables and indexes, the roles and
// permissions, and (with the demo) the demo content: 30–110 s on the 2-core machine, against 5–17 s
// for a boot on a database that already has them (measured 2026-11-30 with startCms, both kinds).
// A test run therefore boots each variant once (test/global-setup.ts), keeps the result as a
// template, and every suite starts on its own copy: a copied data directory on SQLite,
// CREATE DATABASE … TEMPLATE on PostgreSQL. A copy is what a fresh boot would have made, so
// suites see the same data; suites about the first boot itself ask for `fresh: true`.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { TEST_DATABASE_URL, type DbKind, type TestDatabase } from './databases.ts';

export type TemplateVariant = 'bare' | 'demo';
export const TEMPLATE_VARIANTS: TemplateVariant[] = ['bare', 'demo'];
/** Set by the test run's global setup: which templates this run's suites copy. Unset → fresh boots. */
export const TEMPLATE_KEY_ENV = 'ZONE_CMS_TEMPLATE_KEY';
/** The schema the CMS uses inside a template database (and so inside every copy). */
const PG_SCHEMA = 'cms';

const sqliteDir = (key: string, variant: TemplateVariant) => path.join(tmpdir(), `zone-cms-template-${key}-${variant}`);
const pgName = (key: string, variant: TemplateVariant) => `zone_tpl_${key}_${variant}`;
const pgDataDir = (key: string, variant: TemplateVariant) => path.join(tmpdir(), `zone-cms-template-${key}-${variant}-pgdata`);

function urlFor(database: string): string {
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 10_000, query_timeout: 120_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function pgDatabaseExists(name: string): Promise<boolean> {
  return withServer(async (c) => ((await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount ?? 0) > 0);
}

/** A database of this kind that the CMS has never booted on, at the template's place (…-building). */
export async function templateBuildTarget(kind: DbKind, key: string, variant: TemplateVariant): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dataDir = `${sqliteDir(key, variant)}-building`;
    rmSync(dataDir, { recursive: true, force: true });
    return {
      kind,
      dataDir,
      env: { DATA_DIR: dataDir },
      drop: async () => {
        renameSync(dataDir, sqliteDir(key, variant));
      },
    };
  }
  const building = `${pgName(key, variant)}_building`;
  const dataDir = `${pgDataDir(key, variant)}-building`;
  rmSync(dataDir, { recursive: true, force: true });
  await withServer(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${building}"`);
  });
  const inside = new pg.Client({ connectionString: urlFor(building), connectionTimeoutMillis: 10_000 });
  await inside.connect();
  await inside.query(`CREATE SCHEMA "${PG_SCHEMA}"`);
  await inside.end();
  return {
    kind,
    dataDir,
    env: { DATA_DIR: dataDir, DATABASE_URL: urlFor(building), CMS_DATABASE_SCHEMA: PG_SCHEMA },
    // "Dropping" the build target publishes it as the template (rename once no one is connected).
    drop: async () => {
      await withServer((c) => c.query(`ALTER DATABASE "${building}" RENAME TO "${pgName(key, variant)}"`));
      renameSync(dataDir, pgDataDir(key, variant));
    },
  };
}

async function templateExists(kind: DbKind, key: string, variant: TemplateVariant): Promise<boolean> {
  return kind === 'sqlite' ? existsSync(sqliteDir(key, variant)) : existsSync(pgDataDir(key, variant)) && (await pgDatabaseExists(pgName(key, variant)));
}

/**
 * Makes sure both templates of this kind exist for this key, booting the CMS once per missing
 * variant in a child process (Strapi is one per process). Resolves with the seconds spent.
 */
export async function ensureCmsTemplates(kind: DbKind, key: string, log: (line: string) => void): Promise<void> {
  for (const variant of TEMPLATE_VARIANTS) {
    if (await templateExists(kind, key, variant)) continue;
    const started = Date.now();
    const script = path.join(import.meta.dirname, 'cms-template-build.ts');
    let output = '';
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, kind, key, variant], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) throw new Error(`building the CMS template (${kind}, ${variant}) failed with exit code ${code}:\n${output.slice(-4000)}`);
    log(`[test] CMS template ${kind}/${variant} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

/**
 * Drops the templates of earlier days (the key starts with its day, YYYYMMDD), so they do not pile
 * up; today's templates of other sources may belong to a run in another checkout and stay.
 */
export async function dropStaleTemplates(key: string): Promise<void> {
  const today = key.slice(0, 8);
  const stale = (k: string) => /^\d{8}/.test(k) && k.slice(0, 8) < today;
  for (const entry of readdirSync(tmpdir())) {
    const m = /^zone-cms-template-([a-z0-9]+)-/.exec(entry);
    if (m && stale(m[1]!)) rmSync(path.join(tmpdir(), entry), { recursive: true, force: true });
  }
  if (!TEST_DATABASE_URL) return;
  await withServer(async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'zone\\_tpl\\_%'");
    for (const { datname } of rows) {
      if (stale(datname.slice('zone_tpl_'.length))) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}

/** A suite's own copy of this run's template, or null when the run has none (a fresh boot then). */
export async function cloneCmsTemplate(kind: DbKind, label: string, variant: TemplateVariant): Promise<TestDatabase | null> {
  const key = process.env[TEMPLATE_KEY_ENV];
  if (!key || !(await templateExists(kind, key, variant))) return null;
  const dataDir = mkdtempSync(path.join(tmpdir(), `zone-${label}-`));
  if (kind === 'sqlite') {
    cpSync(sqliteDir(key, variant), dataDir, { recursive: true });
    return { kind, dataDir, env: { DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  cpSync(pgDataDir(key, variant), dataDir, { recursive: true });
  const name = `zt_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  await withServer((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${pgName(key, variant)}"`));
  return {
    kind,
    dataDir,
    env: { DATA_DIR: dataDir, DATABASE_URL: urlFor(name), CMS_DATABASE_SCHEMA: PG_SCHEMA },
    drop: async () => {
      await withServer((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
