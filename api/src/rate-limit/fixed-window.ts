// A small in-process fixed-window limiter on the injected clock. Per instance: behind a load
// balancer each instance limits on its own, which is enough to stop a runaway client.
import type { Clock } from '../clock/clock.ts';
import { RateLimitedError } from '../errors/index.ts';

export class FixedWindowLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly clock: Clock,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Throws RATE_LIMITED when `key` has used up its window. */
  hit(key: string): void {
    const now = this.clock.now().getTime();
    const w = this.#windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.#windows.size > 10_000) this.#windows.clear();
      this.#windows.set(key, { start: now, count: 1 });
      return;
    }
    w.count++;
    if (w.count > this.limit) throw new RateLimitedError(Math.ceil((w.start + this.windowMs - now) / 1000));
  }
}
