// One supervisor for every component: starts each child with its own log prefix, stops them all on
// Ctrl-C (SIGTERM, then SIGKILL after a grace period), and stops everything if one of them dies, so
// a half-running system never looks healthy.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ComponentSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  /** URL that answers 2xx once the component is ready. */
  readyUrl?: string;
  /** Components (listed earlier) that must be ready before this one starts, e.g. Meilisearch before search-sync. */
  waitFor?: string[];
}

const COLORS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m'];
const RESET = '\x1b[0m';
const GRACE_MS = 10_000;

export class Supervisor {
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;
  private readonly width: number;

  constructor(
    private readonly specs: ComponentSpec[],
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {
    this.width = Math.max(...specs.map((s) => s.name.length), 'start'.length);
  }

  log(name: string, line: string, colorIndex = -1): void {
    const color = colorIndex >= 0 && process.stdout.isTTY ? COLORS[colorIndex % COLORS.length] : '';
    this.out.write(`${color}${name.padEnd(this.width)} |${color ? RESET : ''} ${line}\n`);
  }

  private readonly launched = new Set<string>();

  /** Starts every component that waits for nobody; the others start in waitUntilReady. */
  start(): void {
    this.specs.forEach((spec, index) => {
      if (!spec.waitFor?.length) this.launch(spec, index);
    });
  }

  private launch(spec: ComponentSpec, index: number): void {
    this.launched.add(spec.name);
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: false,
    });
    this.children.set(spec.name, child);
    const forward = (data: Buffer) => {
      for (const line of data.toString().split(/\r?\n/)) if (line.trim()) this.log(spec.name, line, index);
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    child.on('exit', (code, signal) => {
      this.children.delete(spec.name);
      if (this.stopping) return;
      this.log('start', `${spec.name} exited (${signal ?? `code ${code}`}); stopping the other components`);
      void this.stop(code === 0 ? 1 : (code ?? 1));
    });
  }

  async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const [index, spec] of this.specs.entries()) {
      // Its dependencies come earlier in the list, so they are ready by now.
      if (!this.launched.has(spec.name) && !this.stopping) this.launch(spec, index);
      if (!spec.readyUrl) continue;
      for (;;) {
        if (this.stopping) throw new Error('stopped while starting');
        try {
          const res = await fetch(spec.readyUrl, { signal: AbortSignal.timeout(2_000) });
          if (res.ok) break;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`${spec.name} did not become ready at ${spec.readyUrl} within ${timeoutMs / 1000} s`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  async stop(exitCode = 0): Promise<never> {
    if (!this.stopping) {
      this.stopping = true;
      const running = [...this.children.entries()];
      for (const [, child] of running) child.kill('SIGTERM');
      const killer = setTimeout(() => {
        for (const [name, child] of this.children) {
          this.log('start', `${name} did not stop within ${GRACE_MS / 1000} s; killing it`);
          child.kill('SIGKILL');
        }
      }, GRACE_MS);
      await Promise.all(running.map(([, child]) => (child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r)))));
      clearTimeout(killer);
    }
    process.exit(exitCode);
  }
}
