// Every command a person can type (`npm run <script>` in the root and in every workspace) rejects an
// option it does not know: one line that names the option, exit code 2, and nothing done — no
// database opened, no file written, no CMS booted — and at once: each command parses its options
// before it loads the rest of its program. The scripts are read from the package.json files, so a new
// command is covered (or has to be named below as someone else's program) the day it lands.
// A root script that only hands over to a workspace script (`npm run -s -w @zone/api sweep --`) is the
// same command as that script: the root one, which a person types, is run, and the hand-over is checked
// from the package.json files. Workspace scripts with no root script (api start, search-sync start, …) are run.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
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
const isOurs = (c: Command) => !OTHER_PROGRAMS[c.workspace]?.includes(c.script);

const HANDS_OVER = /^npm run -s -w (@zone\/[a-z-]+) ([a-z:-]+) --$/;
/** The workspace script a root script hands all its arguments to, as `{ workspace, script }` (folder, script name). */
function handOver(c: Command): { workspace: string; script: string } | undefined {
  const match = c.workspace === '.' ? HANDS_OVER.exec(c.line) : null;
  if (!match) return undefined;
  const workspace = (readPkg(ROOT).workspaces ?? []).find((w) => readPkg(path.join(ROOT, w)).name === match[1]);
  if (!workspace) throw new Error(`npm run ${c.script}: no workspace is named ${match[1]}`);
  return { workspace, script: match[2]! };
}
/** Workspace scripts reached through a root script: run through it (the command a person types), not again on their own. */
const handedOver = new Set(commands().flatMap((c) => {
  const target = handOver(c);
  return target ? [`${target.workspace}:${target.script}`] : [];
}));

/**
 * Runs `npm <args>` under bash, whose `times` builtin reports the CPU time of the whole process tree it
 * waited for (npm, the shell, tsx and the node process that runs the script).
 */
function run(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string; ms: number; userCpuSeconds: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', 'npm "$@"; code=$?; times >&3; exit $code', 'npm', ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let times = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    (child.stdio[3] as Readable).on('data', (d: Buffer) => (times += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      // `times` prints two lines, `<user> <system>` of the shell and then of its children: `0m1.234s 0m0.156s`.
      const children = /^(\d+)m([\d.]+)s /.exec(times.split('\n')[1] ?? '');
      if (!children) return reject(new Error(`bash times printed ${JSON.stringify(times)}`));
      resolve({ code, stdout, stderr, ms: Date.now() - started, userCpuSeconds: Number(children[1]) * 60 + Number(children[2]) });
    });
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
    const ours = all.filter(isOurs);
    // Ours run TypeScript through tsx, or hand over to a workspace script (checked below).
    for (const c of ours) expect(c.line, `${c.workspace}: ${c.script}`).toMatch(/^(NODE_OPTIONS=\S+ )?tsx \S+\.ts$|^npm run -s -w @zone\/[a-z-]+ [a-z:-]+ --$/);
    expect(ours.length).toBeGreaterThanOrEqual(25);
  });

  it('a root script that hands over passes every argument to one of our workspace scripts, which is run through it', () => {
    const all = commands();
    const handOvers = all.filter((c) => isOurs(c) && handOver(c));
    // prepare, token, bench:petitions, sweep, report, report:demo, reindex, reconcile, bench:matching.
    expect(handOvers.length).toBeGreaterThanOrEqual(9);
    for (const c of handOvers) {
      const target = handOver(c)!;
      const script = all.find((w) => w.workspace === target.workspace && w.script === target.script);
      expect(script, `npm run ${c.script} → ${target.workspace}: ${target.script} exists`).toBeDefined();
      // The workspace script is ours and runs its TypeScript directly, so the root command's arguments reach our parser.
      expect(isOurs(script!), `${target.workspace}: ${target.script} is ours`).toBe(true);
      expect(script!.line, `${target.workspace}: ${target.script}`).toMatch(/^(NODE_OPTIONS=\S+ )?tsx \S+\.ts$/);
    }
    // Every workspace script of ours is run below, either itself or through the root script that hands over to it.
    const run = ours.map((c) => `${c.workspace}:${c.script}`);
    for (const c of all.filter((w) => w.workspace !== '.' && isOurs(w))) {
      const key = `${c.workspace}:${c.script}`;
      expect(run.includes(key) || handedOver.has(key), key).toBe(true);
      expect(run.includes(key) && handedOver.has(key), `${key} is run once`).toBe(false);
    }
  });

  const ours = commands().filter((c) => isOurs(c) && !handedOver.has(`${c.workspace}:${c.script}`));
  it.each(ours.map((c) => [`${c.workspace === '.' ? '' : `${c.workspace}: `}npm run ${c.script}`, c] as const))(
    '%s -- --bogus-option: one line, exit 2, nothing done, at once',
    { timeout: 60_000 },
    async (_label, c) => {
      // A hand-over runs in the workspace's folder: nothing may appear there either.
      const folders = [c.workspace, handOver(c)?.workspace].filter((f): f is string => f !== undefined).map((f) => path.join(ROOT, f));
      const before = folders.map((f) => readdirSync(f));
      const result = await run(path.join(ROOT, c.workspace), ['run', '-s', c.script, '--', '--bogus-option'], env);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toContain('未知选项 --bogus-option');
      expect(existsSync(dataDir()), 'the data directory was created').toBe(false);
      expect(readdirSync(typedIn())).toEqual([]);
      expect(folders.map((f) => readdirSync(f))).toEqual(before);
      // Parsing comes before the program loads. Measured on 2 cores at load 12–13: npm, tsx and the parser
      // take 0.8–1.7 s of user CPU (the whole process tree; a hand-over runs two npm) and 2–8 s of wall
      // time. Loading the api, search-sync or CMS modules first took 2.9–5.5 s of user CPU and 7–26 s.
      // On a machine 2.5× slower (2026-11-30), a hand-over took up to 2.56 s and a command that loaded
      // the api's search module first 4.3 s: a hand-over's second npm is allowed its own ~0.9 s.
      expect(result.userCpuSeconds, 'user CPU of npm, tsx and the command').toBeLessThan(handOver(c) ? 3.4 : 2.5);
      expect(result.ms).toBeLessThan(15_000);
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
