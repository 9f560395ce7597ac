// The supervisor's restart policy with stand-in components (the real Meilisearch and the real api are
// restarted in supervisor.test.ts and full-stack.test.ts): each crash doubles the delay up to the cap,
// and a component that crashes again and again before it was ever ready ends the start (a bad
// setting would loop forever otherwise), with exit code 1.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/meili.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function runFixture(env: Record<string, string>, untilLines: number): Promise<{ lines: string[]; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures', 'crashing-stack.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const lines = () => out.split('\n').filter((l) => l.startsWith('start '));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (lines().length >= untilLines) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ lines: lines().map((l) => l.replace(/^start\s+\| /, '')), code }));
  });
}

describe('supervisor restart policy', () => {
  it('restarts a crashing component after 0.1, 0.2, 0.4, 0.4 s (doubling, capped)', { timeout: 60_000 }, async () => {
    const { lines } = await runFixture({ FLAKY_PORT: String(await freePort()), CRASH_AFTER_MS: '1500' }, 6);
    expect(lines.slice(0, 6)).toEqual([
      'ready',
      'flaky exited with code 3; restarting in 0.1 s',
      'flaky exited with code 3; restarting in 0.2 s',
      'flaky exited with code 3; restarting in 0.4 s',
      'flaky exited with code 3; restarting in 0.4 s',
      'flaky exited with code 3; restarting in 0.4 s',
    ]);
  });

  it('gives up on a component that never gets ready, and stops the others', { timeout: 60_000 }, async () => {
    const { lines, code } = await runFixture({ FLAKY_PORT: String(await freePort()), CRASH_AFTER_MS: '600000', BROKEN: '1' }, 99);
    expect(lines).toEqual([
      'broken exited with code 1; restarting in 0.1 s',
      'broken exited with code 1; restarting in 0.2 s',
      'broken exited with code 1, 3 times before it was ever ready; stopping the other components (see its log above)',
    ]);
    expect(code).toBe(1);
  });
});
