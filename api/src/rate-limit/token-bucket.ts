// A per-client token bucket charged by cost (backend lookups), not by call: a bucket holds a
// minute's worth of units and refills continuously, so a client that spends its burst waits
// seconds, not a minute. In-process, per instance, on the injected clock.
//
// The key store is bounded and cannot be flushed by many keys: when it is full, a new key takes
// the place of the least recently used bucket that has refilled completely (forgetting it loses
// nothing: a new bucket starts full). If none of the oldest buckets has refilled, the new key shares
// one overflow bucket instead; no other client's bucket is ever reset.
import type { Clock } from '../clock/clock.ts';
import { RateLimitedError } from '../errors/index.ts';

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (epoch ms). */
  at: number;
}

/** How many of the least recently used buckets are looked at for one that has refilled. */
const EVICTION_SCAN = 32;

export interface TokenBucketOptions {
  /** Units a client gets per minute; also the bucket's size (the largest burst). */
  perMinute: number;
  /** Most clients remembered at once. */
  maxKeys: number;
}

export class TokenBucketLimiter {
  // A Map iterates in insertion order; a touched key is re-inserted, so the first entries are the least recently used.
  readonly #buckets = new Map<string, Bucket>();
  readonly #overflow: Bucket;
  readonly #capacity: number;
  readonly #perMs: number;

  constructor(
    private readonly clock: Clock,
    private readonly opts: TokenBucketOptions,
  ) {
    this.#capacity = opts.perMinute;
    this.#perMs = opts.perMinute / 60_000;
    this.#overflow = { tokens: this.#capacity, at: clock.now().getTime() };
  }

  /** Clients currently remembered (the overflow bucket not counted). */
  get size(): number {
    return this.#buckets.size;
  }

  /**
   * Charges `cost` units to `key`; throws RATE_LIMITED (with the seconds until enough has refilled)
   * when the bucket holds less. A cost above the bucket's size is charged as a full bucket.
   */
  take(key: string, cost: number): void {
    if (!(cost > 0)) return;
    const now = this.clock.now().getTime();
    let bucket = this.#buckets.get(key);
    if (bucket) {
      this.#buckets.delete(key);
      this.#buckets.set(key, bucket);
    } else {
      bucket = this.#admit(key, now);
    }
    this.#refill(bucket, now);
    const charge = Math.min(cost, this.#capacity);
    if (bucket.tokens < charge) throw new RateLimitedError(Math.max(1, Math.ceil((charge - bucket.tokens) / this.#perMs / 1000)));
    bucket.tokens -= charge;
  }

  #refill(bucket: Bucket, now: number): void {
    if (now > bucket.at) bucket.tokens = Math.min(this.#capacity, bucket.tokens + (now - bucket.at) * this.#perMs);
    bucket.at = Math.max(bucket.at, now);
  }

  #admit(key: string, now: number): Bucket {
    const fresh = { tokens: this.#capacity, at: now };
    if (this.#buckets.size < this.opts.maxKeys) {
      this.#buckets.set(key, fresh);
      return fresh;
    }
    let scanned = 0;
    for (const [oldKey, old] of this.#buckets) {
      if (scanned++ >= EVICTION_SCAN) break;
      this.#refill(old, now);
      if (old.tokens >= this.#capacity) {
        this.#buckets.delete(oldKey);
        this.#buckets.set(key, fresh);
        return fresh;
      }
    }
    return this.#overflow;
  }
}
