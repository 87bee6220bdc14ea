import { LRUCache } from 'lru-cache';

interface Bucket {
  tokens: number;
  at: number;
}

export interface TokenBucketTake {
  /** what @fastify/rate-limit compares with max: above it means refused */
  current: number;
  /** ms until the bucket is full again (allowed) or holds one token (refused) */
  ttl: number;
}

type Callback = (error: Error | null, result?: TokenBucketTake) => void;

/**
 * A token bucket per key, as an @fastify/rate-limit store: `max` tokens, refilled evenly over
 * `timeWindow`, so bursts up to `max` pass and the steady rate is `max` per window.
 */
export class TokenBucketStore {
  private readonly buckets: LRUCache<string, Bucket>;
  /** told of every token this instance hands out (to share the count with other instances) */
  onTake: ((key: string) => void) | undefined;

  constructor(
    private readonly now: () => number = Date.now,
    capacity = 100_000,
  ) {
    this.buckets = new LRUCache({ max: capacity });
  }

  /**
   * Takes tokens other instances handed out for this key. The bucket may go below zero (down to
   * minus one full bucket), so a burst spread over instances is paid back before more passes.
   */
  consume(key: string, tokens: number, timeWindow: number, max: number): void {
    const now = this.now();
    const left = this.refilled(key, now, max / timeWindow, max) - tokens;
    this.buckets.set(key, { tokens: Math.max(-max, left), at: now });
  }

  take(key: string, timeWindow: number, max: number): TokenBucketTake {
    const now = this.now();
    const perMs = max / timeWindow;
    const tokens = this.refilled(key, now, perMs, max);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { current: max + 1, ttl: Math.ceil((1 - tokens) / perMs) };
    }
    const left = tokens - 1;
    this.buckets.set(key, { tokens: left, at: now });
    this.onTake?.(key);
    return { current: max - Math.floor(left), ttl: Math.ceil((max - left) / perMs) };
  }

  peek(key: string, timeWindow: number, max: number): TokenBucketTake {
    const perMs = max / timeWindow;
    const tokens = this.refilled(key, this.now(), perMs, max);
    return { current: max - Math.floor(tokens), ttl: Math.ceil((max - tokens) / perMs) };
  }

  incr(key: string, callback: Callback, timeWindow: number, max: number): void {
    callback(null, this.take(key, timeWindow, max));
  }

  read(key: string, callback: Callback, timeWindow: number, max: number): void {
    callback(null, this.peek(key, timeWindow, max));
  }

  /** Routes with their own limits would get their own buckets; all routes share these. */
  child(): TokenBucketStore {
    return this;
  }

  private refilled(key: string, now: number, perMs: number, max: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return max;
    return Math.min(max, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
  }
}
