// One supervisor for every component: starts each child with its own log prefix, restarts a
// component that crashes (exponential backoff, said in the log), and stops them all on Ctrl-C
// (SIGTERM, then SIGKILL after a grace period).
//
// Children never outlive it: each runs as the leader of its own process group with a stdin pipe
// whose write end only the supervisor holds, and scripts/start/parent-watch.cjs (preloaded into each)
// stops the child when that pipe closes, which the kernel does when the supervisor dies, even by
// SIGKILL. The stack record (stack-lock.ts) lets the next `npm start` clean up whatever survived.
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

export interface SupervisorOptions {
  out?: NodeJS.WritableStream;
  /** Put into every child's environment: how the next start recognizes this stack's processes. */
  stackId: string;
  /** Called whenever a component (re)starts or stops, with the pid of each running one. */
  onChildren?: (children: Record<string, number>) => void;
  /** Called once everything has stopped, just before the process exits. */
  onStopped?: () => void;
  backoff?: { firstMs: number; maxMs: number };
  /** A component up this long is healthy again: its next crash restarts after the first delay. */
  stableMs?: number;
  /** Crashes before a component was ever ready that end the start (a configuration error loops otherwise). */
  maxStartupCrashes?: number;
}

const COLORS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m'];
const RESET = '\x1b[0m';
const GRACE_MS = 10_000;

interface Running {
  child: ChildProcess;
  startedAt: number;
}

export class Supervisor {
  private readonly running = new Map<string, Running>();
  private readonly crashes = new Map<string, number>();
  private readonly everReady = new Set<string>();
  private readonly restartTimers = new Set<NodeJS.Timeout>();
  private readonly launched = new Set<string>();
  private stopping = false;
  private readonly width: number;
  private readonly out: NodeJS.WritableStream;
  private readonly backoff: { firstMs: number; maxMs: number };

  constructor(
    private readonly specs: ComponentSpec[],
    private readonly options: SupervisorOptions,
  ) {
    this.out = options.out ?? process.stdout;
    this.backoff = options.backoff ?? { firstMs: 2_000, maxMs: 30_000 };
    this.width = Math.max(...specs.map((s) => s.name.length), 'start'.length);
  }

  log(name: string, line: string, colorIndex = -1): void {
    const color = colorIndex >= 0 && process.stdout.isTTY ? COLORS[colorIndex % COLORS.length] : '';
    this.out.write(`${color}${name.padEnd(this.width)} |${color ? RESET : ''} ${line}\n`);
  }

  /** Starts every component that waits for nobody; the others start in waitUntilReady. */
  start(): void {
    this.specs.forEach((spec, index) => {
      if (!spec.waitFor?.length) this.launch(spec, index);
    });
  }

  private reportChildren(): void {
    const pids: Record<string, number> = {};
    for (const [name, { child }] of this.running) if (child.pid) pids[name] = child.pid;
    this.options.onChildren?.(pids);
  }

  private launch(spec: ComponentSpec, index: number): void {
    this.launched.add(spec.name);
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: {
        ...process.env,
        ...spec.env,
        FORCE_COLOR: process.stdout.isTTY ? '1' : '0',
        ZONE_STACK_ID: this.options.stackId,
        ZONE_SUPERVISOR_PID: String(process.pid),
      },
      // stdin: the pipe the child watches (parent-watch.cjs); nothing is ever written to it.
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group: a stop reaches the component's own children (Meilisearch's binary).
      detached: true,
    });
    child.stdin?.on('error', () => undefined);
    this.running.set(spec.name, { child, startedAt: Date.now() });
    this.reportChildren();
    const forward = (data: Buffer) => {
      for (const line of data.toString().split(/\r?\n/)) if (line.trim()) this.log(spec.name, line, index);
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    let ended = false;
    const onEnd = (how: string) => {
      if (ended) return;
      ended = true;
      const started = this.running.get(spec.name)?.startedAt ?? Date.now();
      this.running.delete(spec.name);
      this.reportChildren();
      if (this.stopping) return;
      this.restart(spec, index, how, Date.now() - started);
    };
    child.on('error', (error) => onEnd(`could not be started (${error.message})`));
    child.on('exit', (code, signal) => onEnd(signal ? `was killed by ${signal}` : `exited with code ${code}`));
  }

  private restart(spec: ComponentSpec, index: number, how: string, upMs: number): void {
    if (upMs >= (this.options.stableMs ?? 60_000)) this.crashes.set(spec.name, 0);
    const crashes = (this.crashes.get(spec.name) ?? 0) + 1;
    this.crashes.set(spec.name, crashes);
    const limit = this.options.maxStartupCrashes ?? 3;
    if (!this.everReady.has(spec.name) && crashes >= limit) {
      this.log('start', `${spec.name} ${how}, ${crashes} times before it was ever ready; stopping the other components (see its log above)`);
      void this.stop(1);
      return;
    }
    const delay = Math.min(this.backoff.firstMs * 2 ** (crashes - 1), this.backoff.maxMs);
    this.log('start', `${spec.name} ${how}; restarting in ${delay / 1000} s`);
    const timer = setTimeout(() => {
      this.restartTimers.delete(timer);
      if (!this.stopping) this.launch(spec, index);
    }, delay);
    this.restartTimers.add(timer);
  }

  /** Resolves when the component answers at its readyUrl (or right away if it has none). */
  private async ready(spec: ComponentSpec, deadline: number, timeoutMs: number): Promise<void> {
    if (spec.readyUrl) {
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
    this.everReady.add(spec.name);
  }

  async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const [index, spec] of this.specs.entries()) {
      // Its dependencies come earlier in the list, so they are ready by now.
      if (!this.launched.has(spec.name) && !this.stopping) this.launch(spec, index);
      await this.ready(spec, deadline, timeoutMs);
    }
  }

  async stop(exitCode = 0): Promise<never> {
    if (!this.stopping) {
      this.stopping = true;
      for (const timer of this.restartTimers) clearTimeout(timer);
      const running = [...this.running.values()].map((r) => r.child);
      const signalGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
        try {
          if (child.pid) process.kill(-child.pid, signal);
        } catch {
          child.kill(signal);
        }
      };
      for (const child of running) signalGroup(child, 'SIGTERM');
      const killer = setTimeout(() => {
        for (const [name, { child }] of this.running) {
          this.log('start', `${name} did not stop within ${GRACE_MS / 1000} s; killing it`);
          signalGroup(child, 'SIGKILL');
        }
      }, GRACE_MS);
      await Promise.all(running.map((child) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r)))));
      clearTimeout(killer);
      this.options.onStopped?.();
    }
    process.exit(exitCode);
  }
}
