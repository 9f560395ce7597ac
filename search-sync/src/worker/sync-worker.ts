// The long-running worker: claims outbox batches and indexes them, polls when idle, and runs the
// periodic expiry scan and drift reconcile. Several workers may run against one PostgreSQL database
// (see outbox-store.ts for how they share the queue).
import type { Logger } from 'pino';
import type { CmsDatabase } from '../cms-db/index.ts';
import { describeError } from '../errors/index.ts';
import { queueExpired } from '../expiry/expiry-scan.ts';
import type { SearchIndex } from '../meili/search-index.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { reconcile } from '../reconcile/reconcile.ts';
import { processBatch, type BatchResult, type BatchTimings } from './process-batch.ts';
import type { WakeSource } from './wake.ts';

export interface WorkerOptions {
  batchSize: number;
  pollMs: number;
  leaseMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  reconcileIntervalS: number;
  expiryIntervalS: number;
}

export interface WorkerDeps {
  cms: CmsDatabase;
  index: SearchIndex;
  outbox: Outbox;
  log: Logger;
  today: () => string;
  /** Starts listening for the CMS's commit signal (wake.ts); polling is the fallback. */
  listenForWake?: (onWake: () => void) => Promise<WakeSource | undefined>;
}

type WorkerState = { phase: 'idle' } | { phase: 'running'; loop: Promise<void> } | { phase: 'stopping'; loop: Promise<void> } | { phase: 'stopped' };

export class SyncWorker {
  private state: WorkerState = { phase: 'idle' };
  private wake: (() => void) | undefined;
  /** A signal that arrived while a batch was running: the next wait is skipped. */
  private woken = false;
  private backingOff = false;
  private wakeSource: Promise<WakeSource | undefined> | undefined;
  private reconcileWanted = false;
  private nextReconcileAt = 0;
  private nextExpiryAt = 0;
  readonly stats = { batches: 0, done: 0, retried: 0, parked: 0, lastBatchAt: 0, lastError: '' as string };

  constructor(
    private readonly deps: WorkerDeps,
    private readonly options: WorkerOptions,
  ) {}

  start(): void {
    if (this.state.phase === 'running' || this.state.phase === 'stopping') return;
    const now = Date.now();
    this.nextExpiryAt = now;
    this.nextReconcileAt = this.options.reconcileIntervalS > 0 ? now + this.options.reconcileIntervalS * 1000 : Infinity;
    // The loop checks the phase, so the phase is set before the loop starts.
    const running: { phase: 'running'; loop: Promise<void> } = { phase: 'running', loop: Promise.resolve() };
    this.state = running;
    this.wakeSource = this.deps.listenForWake?.(() => this.nudge()).catch((error: unknown) => {
      this.deps.log.warn({ event: 'wake.unavailable', error: describeError(error) }, 'no commit signal; polling only');
      return undefined;
    });
    running.loop = this.loop();
  }

  /** A change was committed: claim now instead of at the next poll. */
  nudge(): void {
    this.woken = true;
    if (!this.backingOff) this.wake?.();
  }

  async stop(): Promise<void> {
    const s = this.state;
    if (s.phase !== 'running') return;
    this.state = { phase: 'stopping', loop: s.loop };
    this.wake?.();
    await s.loop;
    await (await this.wakeSource)?.close();
    this.wakeSource = undefined;
    this.state = { phase: 'stopped' };
  }

  /** Runs a reconcile at the next opportunity. */
  requestReconcile(): void {
    this.reconcileWanted = true;
  }

  get running(): boolean {
    return this.state.phase === 'running';
  }

  /** One claim-and-index step; returns how many changes it claimed. */
  async step(): Promise<number> {
    const claimStarted = Date.now();
    const changes = await this.deps.outbox.claim(this.options.batchSize, this.options.leaseMs);
    if (changes.length === 0) return 0;
    const claimMs = Date.now() - claimStarted;
    const oldest = Math.min(...changes.map((c) => c.created_at));
    let timings: BatchTimings | undefined;
    const r: BatchResult = await processBatch(
      {
        cms: this.deps.cms,
        index: this.deps.index,
        outbox: this.deps.outbox,
        today: this.deps.today,
        maxAttempts: this.options.maxAttempts,
        backoffBaseMs: this.options.backoffBaseMs,
        backoffMaxMs: this.options.backoffMaxMs,
        log: (event, fields) => this.deps.log.info({ event, ...fields }, event),
        onTimings: (t) => (timings = t),
        requestReconcile: () => {
          this.reconcileWanted = true;
        },
      },
      changes,
    );
    this.stats.batches++;
    this.stats.done += r.done;
    this.stats.retried += r.retried;
    this.stats.parked += r.parked;
    this.stats.lastBatchAt = Date.now();
    if (r.done) this.deps.log.debug({ event: 'batch.done', ...r, claimMs, batchMs: Date.now() - claimStarted, waitedMs: claimStarted - oldest, ...timings }, 'batch indexed');
    return changes.length;
  }

  /** Processes until no change is ready (tests and the CLIs); changes waiting for a backoff are left. */
  async drain(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.step()) > 0) {
      if (Date.now() > deadline) throw new Error(`outbox not drained within ${timeoutMs} ms`);
    }
  }

  private async periodic(): Promise<void> {
    const now = Date.now();
    if (this.options.expiryIntervalS > 0 && now >= this.nextExpiryAt) {
      this.nextExpiryAt = now + this.options.expiryIntervalS * 1000;
      const queued = await queueExpired(this.deps.index, this.deps.outbox, this.deps.today());
      if (queued) this.deps.log.info({ event: 'expiry.queued', queued }, `${queued} entries passed their effective-until date`);
    }
    if (this.reconcileWanted || now >= this.nextReconcileAt) {
      this.reconcileWanted = false;
      this.nextReconcileAt = this.options.reconcileIntervalS > 0 ? now + this.options.reconcileIntervalS * 1000 : Infinity;
      const report = await reconcile(this.deps);
      if (report.queued) this.deps.log.warn({ event: 'reconcile.drift', ...report.total, queued: report.queued }, 'reconcile found drift and queued repairs');
    }
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.state.phase === 'running') {
      let claimed = 0;
      try {
        await this.periodic();
        claimed = await this.step();
        failures = 0;
      } catch (error) {
        // Claiming itself failed (database or Meilisearch down): back off, then try again.
        failures++;
        this.stats.lastError = describeError(error);
        this.deps.log.warn({ event: 'worker.error', error: this.stats.lastError }, 'worker step failed');
      }
      if (claimed >= this.options.batchSize) continue;
      // stop() during a step: leave now rather than after a poll interval.
      if (this.state.phase !== 'running') break;
      if (this.woken && !failures) {
        // Committed while we were busy: claim again at once (what accumulated meanwhile is one batch).
        this.woken = false;
        continue;
      }
      this.backingOff = failures > 0;
      const wait = failures ? Math.min(this.options.backoffMaxMs, this.options.pollMs * 2 ** Math.min(failures, 8)) : this.options.pollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        // A commit signal cuts the poll short, not an outage's backoff (stop() still does).
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      // About to claim anyway: a signal that arrived during the wait is consumed by this claim.
      this.wake = undefined;
      this.woken = false;
    }
  }
}
