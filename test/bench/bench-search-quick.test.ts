// `npm run bench:search -- --quick` keeps working: a smoke run of the real benchmark (few items and
// requests), checked by the keys of its last line and the keystroke figures (no stale suggestion).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

it('bench:search --quick prints the summary keys, and no stale suggestion reaches the agent', async () => {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'scripts', 'bench', 'bench-search.ts'), '--quick', '--skip-compile'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code, err.slice(-3000)).toBe(0);
  const lines = out.trim().split('\n');
  const last = JSON.parse(lines.at(-1)!) as Record<string, number>;
  expect(Object.keys(last)).toEqual(['items', 'api_qps', 'meili_qps', 'qps_ratio', 'api_p99_ms', 'meili_p99_ms', 'p99_ratio', 'suggest_p99_ms', 'meili_prefix_p99_ms', 'suggest_ratio', 'suggest_c1_p99_ms']);
  for (const value of Object.values(last)) expect(value).toBeGreaterThan(0);
  const detail = JSON.parse(lines.at(-2)!) as { load_start: number[]; load_end: number[]; repetitions: number; keystrokes: { aborting: { stale: number; out_of_order: number; delivered: number; superseded: number; keystrokes: number } }; figures: Record<string, { runs: number[] }> };
  expect(detail.load_start).toHaveLength(3);
  expect(detail.load_end).toHaveLength(3);
  expect(detail.figures.api_p99_ms!.runs).toHaveLength(detail.repetitions);
  // Every keystroke either delivered or superseded; none delivered after a later keystroke.
  const k = detail.keystrokes.aborting;
  expect(k.stale).toBe(0);
  expect(k.out_of_order).toBe(0);
  expect(k.delivered + k.superseded).toBe(k.keystrokes);
}, 420_000);
