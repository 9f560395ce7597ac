// One typed query builder (Kysely) over SQLite (default, a file under DATA_DIR) or PostgreSQL
// (DATABASE_URL). Kysely keeps the SQL of the hot paths visible — no ORM between us and the sweeper.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import type { DialectName } from './dialect.ts';
import { migrateToLatest } from './migrations.ts';

export type { DialectName };

/** Called after each query with its SQL and duration (profiling the sweeper, for instance). */
export type QueryTimer = (sql: string, ms: number) => void;

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string; onQuery?: QueryTimer }
  | { kind: 'postgres'; url: string; schema: string; poolSize?: number; onQuery?: QueryTimer };

function kyselyLog(onQuery?: QueryTimer) {
  if (!onQuery) return undefined;
  return (event: LogEvent) => onQuery(event.query.sql, event.queryDurationMillis);
}

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
    // Owner-only: created before SQLite would create it with 0644 (its -wal and -shm files take its mode).
    fs.mkdirSync(path.dirname(config.file), { recursive: true, mode: 0o700 });
    fs.closeSync(fs.openSync(config.file, 'a', 0o600));
    const sqlite = new BetterSqlite3(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('foreign_keys = ON');
    // A sweeper pass writes hundreds of thousands of index entries in one transaction; a small page
    // cache would spill them to the WAL mid-transaction. Memory is only used as pages are touched.
    sqlite.pragma('cache_size = -131072');
    sqlite.pragma('temp_store = MEMORY');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log: kyselyLog(config.onQuery) });
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
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: kyselyLog(config.onQuery) });
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
