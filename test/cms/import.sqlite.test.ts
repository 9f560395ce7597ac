import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneCmsTemplate, type TestDatabase } from '../helpers/databases.ts';
import { defineImportSuite } from './import.suite.ts';

defineImportSuite('sqlite');

// The commands a department specialist types, run as child processes on their own SQLite data directory.
describe('npm run import / npm run export (commands, SQLite)', () => {
  const ROOT = path.resolve(import.meta.dirname, '..', '..');
  let dir: string;
  let data: TestDatabase | null;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'zone-import-cli-'));
    // A data directory that has been started once (a copy of the CMS's empty template): the commands
    // boot the CMS on it without paying for a first boot, which is not what this tests.
    data = await cloneCmsTemplate('sqlite', 'import-cli', 'bare');
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await data?.drop();
  });

  function npm(script: 'import' | 'export', args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: data?.dataDir ?? path.join(dir, 'data'), NODE_ENV: 'test' };
    delete env.DATABASE_URL;
    delete env.DATABASE_SCHEMA;
    return new Promise((resolve, reject) => {
      // Typed in the specialist's own folder: relative file names are theirs, not the repository's.
      const child = spawn('npm', ['--prefix', ROOT, 'run', '-s', script, '--', ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('imports a CSV, reports the bad row, round-trips through export, and exits 2 on an unreadable file', { timeout: 300_000 }, async () => {
    writeFileSync(
      path.join(dir, '财政局清单.csv'),
      ['条目编号,标题,部门代码,最高扶持金额（万元）,适用对象', 'CZ-001,贷款贴息,finance,100,工业企业', 'CZ-002,上市奖励,finance,300,工业企业、生产性服务业企业', 'CZ-003,融资担保,finance,-5,'].join('\n'),
    );
    const first = await npm('import', ['财政局清单.csv', '--publish', '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as { created: number; rejected: number; publish: boolean; issues: unknown[] };
    expect(summary).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: 1, publish: true });
    expect(summary.issues).toEqual([{ row: 4, column: '最高扶持金额（万元） maxAmount', reason: '最高扶持金额不能小于 0（实际为 -5）' }]);

    const again = await npm('import', ['财政局清单.csv']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('未变 unchanged  2');
    expect(again.stdout).toContain('第 4 行  最高扶持金额（万元） maxAmount：最高扶持金额不能小于 0（实际为 -5）');

    const exported = await npm('export', ['--department', 'finance', 'finance.xlsx']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('已导出部门 finance 的 2 个政策条目');
    const roundTrip = await npm('import', ['finance.xlsx', '--json']);
    expect(JSON.parse(roundTrip.stdout)).toMatchObject({ total: 2, created: 0, updated: 0, unchanged: 2, rejected: 0 });

    writeFileSync(path.join(dir, 'broken.xlsx'), 'this is not a workbook');
    const broken = await npm('import', ['broken.xlsx']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('XLSX 文件无法打开');
    const missing = await npm('import', ['no-such-file.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('文件不存在');
  });
});
