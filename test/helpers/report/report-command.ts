// Runs `npm run -w api report` (api/scripts/report.ts) as a real process against a test's database.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { TestApi } from '../api/test-api.ts';
import { TEST_DATABASE_URL } from '../api/test-database.ts';

const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, '../../..');

async function databaseEnv(a: TestApi): Promise<Record<string, string>> {
  const db = a.app.database.db;
  if (a.dialect === 'postgres') {
    const r = await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db);
    return { DATABASE_URL: TEST_DATABASE_URL ?? '', DATABASE_SCHEMA: r.rows[0]?.s ?? '' };
  }
  const r = await sql<{ file: string }>`SELECT file FROM pragma_database_list WHERE name = 'main'`.execute(db);
  return { DATA_DIR: path.dirname(r.rows[0]?.file ?? '') };
}

export async function runReportCommand(a: TestApi, args: string[]): Promise<{ files: Record<string, string | null>; received: number }> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), NODE_ENV: 'test', LOG_LEVEL: 'silent', ...(await databaseEnv(a)) };
  if (a.dialect === 'sqlite') delete env['DATABASE_URL'];
  const tsx = path.join(REPO, 'node_modules/.bin/tsx');
  const { stdout } = await run(tsx, [path.join(REPO, 'api/scripts/report.ts'), ...args], { env, cwd: REPO });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { files: Record<string, string | null>; received: number };
}
