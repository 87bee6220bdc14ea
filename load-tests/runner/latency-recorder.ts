export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Keeps every response time (autocannon's own summary has no p95); bounded by `capacity`. */
export class LatencyRecorder {
  private values: Float64Array;
  private size = 0;
  private dropped = 0;

  constructor(private readonly capacity = 2_000_000) {
    this.values = new Float64Array(Math.min(capacity, 65_536));
  }

  record(ms: number): void {
    if (this.size === this.capacity) {
      this.dropped += 1;
      return;
    }
    if (this.size === this.values.length) this.grow();
    this.values[this.size] = ms;
    this.size += 1;
  }

  /** Responses not kept because the recorder was full. */
  get droppedCount(): number {
    return this.dropped;
  }

  summary(): LatencySummary {
    const sorted = this.values.slice(0, this.size).sort();
    let total = 0;
    for (const value of sorted) total += value;
    return {
      count: sorted.length,
      meanMs: sorted.length ? total / sorted.length : 0,
      p50Ms: percentile(sorted, 50),
      p90Ms: percentile(sorted, 90),
      p95Ms: percentile(sorted, 95),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted.length ? sorted[sorted.length - 1] : 0,
    };
  }

  private grow(): void {
    const next = new Float64Array(Math.min(this.capacity, this.values.length * 2));
    next.set(this.values);
    this.values = next;
  }
}

/** Nearest-rank percentile of ascending values; 0 when there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
