// search-sync reads the CMS database directly (Strapi's tables and the search outbox) with Kysely:
// the same DATABASE_URL/CMS_DATABASE_SCHEMA as the CMS on PostgreSQL, or the CMS's SQLite file.
// Why not the CMS HTTP API: measured on the demo data, reading a batch of 200 published items with
// their department, policy and related items takes a few ms here against hundreds through REST with
// populate, it needs no API token, it puts no load on the CMS process, and a 100,000-item reindex
// can stream by keyset pages. The price is coupling to Strapi's table layout (cms-tables.ts), which
// the suites pin against a real Strapi on both databases.
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { SyncEnv } from '../env.ts';
import type { CmsTables } from './cms-tables.ts';

export type CmsDb = Kysely<CmsTables>;

export interface CmsDatabase {
  db: CmsDb;
  dialect: 'sqlite' | 'postgres';
  destroy(): Promise<void>;
}

// PostgreSQL `date` columns stay 'YYYY-MM-DD' strings (node-pg would turn them into local-time Dates),
// numerics stay strings, and int8 (the outbox's bigint columns) become numbers: epoch ms fit in 2^53.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 1082) return (v: string) => v;
    if (oid === 20) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

export function openCmsDatabase(database: SyncEnv['database'], options: { poolMax?: number } = {}): CmsDatabase {
  if (database.client === 'postgres') {
    const pool = new pg.Pool({
      connectionString: database.connectionString,
      max: options.poolMax ?? 5,
      connectionTimeoutMillis: 10_000,
      types: types as unknown as pg.CustomTypesConfig,
    });
    const root = new Kysely<CmsTables>({ dialect: new PostgresDialect({ pool }) });
    return { db: root.withSchema(database.schema), dialect: 'postgres', destroy: () => root.destroy() };
  }
  const sqlite = new Database(database.filename, { timeout: 10_000 });
  // WAL lets search-sync read while the CMS writes (and the reverse); the mode is kept in the file.
  sqlite.pragma('journal_mode = WAL');
  const db = new Kysely<CmsTables>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', destroy: () => db.destroy() };
}
