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

  constructor(
    private readonly now: () => number = Date.now,
    capacity = 100_000,
  ) {
    this.buckets = new LRUCache({ max: capacity });
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
