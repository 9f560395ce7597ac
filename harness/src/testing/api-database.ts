// One fresh database per test: a temporary SQLite file, or a fresh PostgreSQL schema (pg-boss style)
// on TEST_DATABASE_URL, dropped afterwards. Suites run once per dialect; PostgreSQL is SKIPPED
// (visibly) when TEST_DATABASE_URL is not set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { dropPostgresSchema, openDatabase, type ApiDatabase } from '@zone/api';

import { TEST_DATABASE_URL } from './databases.ts';

export interface ApiTestDialect {
  name: 'sqlite' | 'postgres';
  enabled: boolean;
}

export const API_DIALECTS: ApiTestDialect[] = [
  { name: 'sqlite', enabled: true },
  { name: 'postgres', enabled: Boolean(TEST_DATABASE_URL) },
];

export interface ApiTestDatabase {
  database: ApiDatabase;
  /** Where it lives, for a second connection (concurrent sweepers). */
  reopen(): Promise<ApiDatabase>;
  cleanup(): Promise<void>;
}

export async function openApiTestDatabase(dialect: ApiTestDialect['name']): Promise<ApiTestDatabase> {
  const suffix = randomBytes(6).toString('hex');
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-test-'));
    const file = path.join(dir, 'api.sqlite');
    const database = await openDatabase({ kind: 'sqlite', file });
    const extra: ApiDatabase[] = [];
    return {
      database,
      reopen: async () => {
        const d = await openDatabase({ kind: 'sqlite', file });
        extra.push(d);
        return d;
      },
      cleanup: async () => {
        for (const d of extra) await d.destroy();
        await database.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const url = TEST_DATABASE_URL;
  const schema = `api_test_${suffix}`;
  let database: ApiDatabase;
  try {
    database = await openDatabase({ kind: 'postgres', url, schema, poolSize: 4 });
  } catch (err) {
    await dropPostgresSchema(url, schema); // never leave a half-created schema behind
    throw err;
  }
  const extra: ApiDatabase[] = [];
  return {
    database,
    reopen: async () => {
      const d = await openDatabase({ kind: 'postgres', url, schema, poolSize: 4 });
      extra.push(d);
      return d;
    },
    cleanup: async () => {
      for (const d of extra) await d.destroy();
      await database.destroy();
      await dropPostgresSchema(url, schema);
    },
  };
}
