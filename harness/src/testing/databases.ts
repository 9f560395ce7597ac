// Each suite gets its own database: a temporary SQLite file, or a fresh schema on the PostgreSQL
// server named by TEST_DATABASE_URL (dropped afterwards), pg-boss style.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type DbKind = 'sqlite' | 'postgres';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const DB_KINDS: DbKind[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  kind: DbKind;
  dataDir: string;
  /** Env for the component under test: DATA_DIR, and DATABASE_URL/CMS_DATABASE_SCHEMA on PostgreSQL. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DbKind, label: string): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `zone-${label}-`));
  if (kind === 'sqlite') {
    return { kind, dataDir, env: { DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 10_000 });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.end();
  return {
    kind,
    dataDir,
    env: { DATA_DIR: dataDir, DATABASE_URL: TEST_DATABASE_URL, CMS_DATABASE_SCHEMA: schema },
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 10_000 });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
