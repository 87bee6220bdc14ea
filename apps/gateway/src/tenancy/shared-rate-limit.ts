import { rateLimitUsedContract } from '@mnemo/contracts';
import type { NatsBus } from '@mnemo/messaging';
import type { TokenBucketStore } from './token-bucket.store';

// bounds one report's size; keys past it wait for the next report
const MAX_KEYS_PER_REPORT = 5_000;

export interface SharedRateLimitOptions {
  instanceId: string;
  /** how often this instance reports what it took; the limit's overshoot grows with it */
  syncMs: number;
  timeWindowMs: number;
  maxFor: (key: string) => number;
}

/**
 * Shares rate-limit usage between gateway instances over core NATS: each instance reports the
 * tokens it handed out every `syncMs`, and takes the others' from its own buckets. Decisions stay
 * local (no round trip per request); the limit holds across N instances up to what they hand
 * out within one sync interval. A lost report only lets that interval's tokens through twice.
 */
export class SharedRateLimit {
  private readonly pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly bus: NatsBus,
    private readonly buckets: TokenBucketStore,
    private readonly options: SharedRateLimitOptions,
  ) {}

  start(): void {
    this.buckets.onTake = (key) => this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    this.bus.subscribe(rateLimitUsedContract, (report) => {
      if (report.instanceId === this.options.instanceId) return;
      for (const [key, tokens] of Object.entries(report.takes)) {
        this.buckets.consume(key, tokens, this.options.timeWindowMs, this.options.maxFor(key));
      }
    });
    this.timer = setInterval(() => this.report(), this.options.syncMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.buckets.onTake = undefined;
  }

  private report(): void {
    if (this.pending.size === 0 || !this.bus.connected) return;
    const takes: Record<string, number> = {};
    let count = 0;
    for (const [key, tokens] of this.pending) {
      if (count++ >= MAX_KEYS_PER_REPORT) break;
      takes[key] = tokens;
      this.pending.delete(key);
    }
    this.bus.publish(rateLimitUsedContract, { instanceId: this.options.instanceId, takes });
  }
}
