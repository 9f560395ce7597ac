// One typed query builder (Kysely) over SQLite (default, a file under DATA_DIR) or PostgreSQL
// (DATABASE_URL). Kysely keeps the SQL of the hot paths visible — no ORM between us and the sweeper.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { migrateToLatest } from './migrations.ts';

export type DialectName = 'sqlite' | 'postgres';

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; schema: string; poolSize?: number };

export interface ApiDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  destroy(): Promise<void>;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Opens the database and runs the migrations. */
export async function openDatabase(config: DatabaseConfig): Promise<ApiDatabase> {
  if (config.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new BetterSqlite3(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrateToLatest(db as Kysely<unknown>, 'sqlite');
    return { db, dialect: 'sqlite', destroy: () => db.destroy() };
  }
  // Create the api's schema first, then pin every connection's search_path to it.
  const admin = new pg.Client({ connectionString: config.url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(config.schema)}`);
  } finally {
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? 10,
    options: `-c search_path=${config.schema}`,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db as Kysely<unknown>, 'postgres');
  return { db, dialect: 'postgres', destroy: () => db.destroy() };
}

/** Drops a PostgreSQL schema with everything in it (tests and benchmarks). */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  } finally {
    await admin.end();
  }
}

export { sql };
