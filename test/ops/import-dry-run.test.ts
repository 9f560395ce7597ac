// `npm run import -- … --dry-run` writes nothing, provably: on a data directory that holds other
// content (a department's list, no demo set), every table has the same number of rows after the dry
// run as before, even with SEED_DEMO=1 exported in the shell; and its output never says that rows
// were imported. A dry run where there is no database yet refuses instead of creating one.
// On SQLite the dry run boots the CMS on an online-backup copy; on PostgreSQL it boots on the real
// database, so this also proves that a boot of the CMS by a command adds no rows anywhere.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, cloneCmsTemplate, createTestDatabase, type TestDatabase } from '../helpers/databases.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function npmImport(cwd: string, env: NodeJS.ProcessEnv, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['--prefix', ROOT, 'run', '-s', 'import', '--', ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Rows per table, every table of the CMS database. */
async function rowCounts(db: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  if (db.kind === 'sqlite') {
    const sqlite = new BetterSqlite3(path.join(db.dataDir, 'cms.sqlite'), { readonly: true });
    try {
      const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
      for (const { name } of tables) counts[name] = (sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
    } finally {
      sqlite.close();
    }
    return counts;
  }
  const client = new pg.Client({ connectionString: db.env.DATABASE_URL, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const schema = db.env.CMS_DATABASE_SCHEMA!;
    const { rows } = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name", [schema]);
    for (const { table_name } of rows) {
      counts[table_name] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."${table_name}"`)).rows[0]!.n);
    }
  } finally {
    await client.end();
  }
  return counts;
}

for (const kind of DB_KINDS) {
  describe(`npm run import -- --dry-run writes nothing (${kind})`, () => {
    let db: TestDatabase;
    let cwd: string;
    let env: NodeJS.ProcessEnv;

    beforeAll(async () => {
      // A copy of the CMS's empty template (tables made, no content): the commands below boot the CMS
      // on it as on any data directory that has been started once, without paying for a first boot.
      db = (await cloneCmsTemplate(kind, 'dry-run', 'bare')) ?? (await createTestDatabase(kind, 'dry-run'));
      cwd = mkdtempSync(path.join(tmpdir(), 'zone-dry-run-cwd-'));
      env = { ...process.env, ...db.env, NODE_ENV: 'test' };
      if (kind === 'sqlite') {
        delete env.DATABASE_URL;
        delete env.CMS_DATABASE_SCHEMA;
      }
      delete env.SEED_DEMO;
    });
    afterAll(async () => {
      await db?.drop();
      rmSync(cwd, { recursive: true, force: true });
    });

    it('leaves every table as it was and says that nothing was imported', { timeout: 300_000 }, async () => {
      // The data directory's own content: 财政局's list, imported for real.
      writeFileSync(path.join(cwd, 'finance.csv'), ['条目编号,标题,部门代码,最高扶持金额（万元）,适用对象', 'CZ-001,贷款贴息,finance,100,工业企业', 'CZ-002,上市奖励,finance,300,工业企业'].join('\n'));
      const real = await npmImport(cwd, env, ['finance.csv', '--publish']);
      expect(real.code, real.stderr).toBe(0);
      expect(real.stdout).toContain('新建 created    2');

      const before = await rowCounts(db);
      expect(before.policy_items).toBe(4); // 2 items, draft and published rows
      expect(before.admin_users).toBe(0);

      // One new row, one changed row, one bad row. SEED_DEMO=1 left over in the shell changes nothing.
      writeFileSync(
        path.join(cwd, 'next.csv'),
        ['条目编号,标题,部门代码,最高扶持金额（万元）,适用对象', 'CZ-001,贷款贴息（调整）,finance,120,工业企业', 'CZ-003,融资担保,finance,50,工业企业', 'CZ-004,首贷奖励,finance,-1,工业企业'].join('\n'),
      );
      const dry = await npmImport(cwd, { ...env, SEED_DEMO: '1' }, ['next.csv', '--dry-run']);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('试运行，没有写入任何数据');
      expect(dry.stdout).toContain('将新建 created    1');
      expect(dry.stdout).toContain('将更新 updated    1');
      expect(dry.stdout).toContain('将拒绝 rejected   1');
      expect(dry.stdout).toContain('会被拒绝的行（请修改后再导入；试运行没有导入任何行）');
      expect(dry.stdout).not.toContain('已导入');

      const after = await rowCounts(db);
      expect(after).toEqual(before);
    });

    if (kind === 'sqlite') {
      it('refuses a dry run where there is no database yet, and creates nothing', { timeout: 120_000 }, async () => {
        const missing = path.join(cwd, 'no-data-yet');
        writeFileSync(path.join(cwd, 'one.csv'), ['条目编号,标题,部门代码', 'CZ-009,贷款贴息,finance'].join('\n'));
        const result = await npmImport(cwd, { ...env, DATA_DIR: missing }, ['one.csv', '--dry-run']);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`试运行只检查已有的数据，但 ${path.join(missing, 'cms.sqlite')} 还不存在`);
        expect(existsSync(missing)).toBe(false);
      });
    }
  });
}
