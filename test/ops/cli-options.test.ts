// Every command a person can type (`npm run <script>` in the root and in every workspace) rejects an
// option it does not know: one line that names the option, exit code 2, and nothing done — no
// database opened, no file written, no CMS booted. The scripts are read from the package.json files,
// so a new command is covered (or has to be named below as someone else's program) the day it lands.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

interface Pkg { name?: string; workspaces?: string[]; scripts?: Record<string, string> }
const readPkg = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Pkg;

// Scripts that run another project's program, which parses its own options (vitest, tsc, eslint,
// the Strapi CLI, graphql-codegen). Everything else is ours and must use the shared strict parser.
const OTHER_PROGRAMS: Record<string, string[]> = {
  '.': ['test', 'typecheck', 'lint'],
  cms: ['build', 'develop', 'start', 'strapi'],
  api: ['test', 'codegen'],
  'search-sync': ['test'],
  schemas: [],
};

interface Command { workspace: string; script: string; line: string }
function commands(): Command[] {
  const all: Command[] = [];
  for (const workspace of ['.', ...(readPkg(ROOT).workspaces ?? [])]) {
    for (const [script, line] of Object.entries(readPkg(path.join(ROOT, workspace)).scripts ?? {})) all.push({ workspace, script, line });
  }
  return all;
}

function run(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

describe('every command rejects an unknown option', () => {
  let scratch: string;
  let env: NodeJS.ProcessEnv;
  const dataDir = () => path.join(scratch, 'data');
  const typedIn = () => path.join(scratch, 'cwd');

  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'zone-cli-options-'));
    mkdirSync(typedIn());
    // A data directory that does not exist: any command that opened a database or wrote a secret
    // would create it. Nothing may reach a real Meilisearch or PostgreSQL either.
    env = { ...process.env, DATA_DIR: dataDir(), INIT_CWD: typedIn(), MEILI_HOST: 'http://127.0.0.1:9', MEILI_MASTER_KEY: 'x'.repeat(32), NODE_ENV: 'development' };
    delete env.DATABASE_URL;
    delete env.TEST_DATABASE_URL;
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('classifies every script: ours, or another program named above', () => {
    const all = commands();
    for (const [workspace, names] of Object.entries(OTHER_PROGRAMS)) {
      for (const name of names) expect(all.some((c) => c.workspace === workspace && c.script === name), `${workspace}: ${name} exists`).toBe(true);
    }
    const ours = all.filter((c) => !OTHER_PROGRAMS[c.workspace]?.includes(c.script));
    // Ours run TypeScript through tsx, or delegate to a workspace script (which is tested itself).
    for (const c of ours) expect(c.line, `${c.workspace}: ${c.script}`).toMatch(/^(NODE_OPTIONS=\S+ )?tsx \S+\.ts$|^npm run -s -w @zone\/[a-z-]+ [a-z:-]+ --$/);
    expect(ours.length).toBeGreaterThanOrEqual(25);
  });

  const ours = commands().filter((c) => !OTHER_PROGRAMS[c.workspace]?.includes(c.script));
  it.each(ours.map((c) => [`${c.workspace === '.' ? '' : `${c.workspace}: `}npm run ${c.script}`, c] as const))(
    '%s -- --bogus-option: one line, exit 2, nothing done',
    { timeout: 60_000 },
    async (_label, c) => {
      const before = readdirSync(path.join(ROOT, c.workspace));
      const result = await run(path.join(ROOT, c.workspace), ['run', '-s', c.script, '--', '--bogus-option'], env);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toContain('未知选项 --bogus-option');
      expect(existsSync(dataDir()), 'the data directory was created').toBe(false);
      expect(readdirSync(typedIn())).toEqual([]);
      expect(readdirSync(path.join(ROOT, c.workspace))).toEqual(before);
      // Parsing comes first: no CMS compile, no database. tsx and npm alone take 1–5 s here (more when the machine is busy).
      expect(result.ms).toBeLessThan(30_000);
    },
  );

  it('npm run report without --out says so and writes nothing', { timeout: 60_000 }, async () => {
    const result = await run(ROOT, ['run', '-s', 'report', '--', '--month', '2026-10'], env);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toEqual(['npm run report：缺少 --out <目录>：报告文件写到哪里（--help 查看用法）']);
    expect(existsSync(path.join(ROOT, 'reports'))).toBe(false);
    expect(existsSync(path.join(ROOT, 'api', 'reports'))).toBe(false);
    expect(existsSync(dataDir())).toBe(false);
  });

  it('names a missing value and a stray argument the same way', { timeout: 60_000 }, async () => {
    const missing = await run(ROOT, ['run', '-s', 'report', '--', '--out'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('npm run report：选项 --out 需要一个值（--help 查看用法）\n');
    const stray = await run(ROOT, ['run', '-s', 'reindex', '--', 'everything'], env);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toBe('npm run reindex：多余的参数 everything（--help 查看用法）\n');
    expect(existsSync(dataDir())).toBe(false);
  });
});
