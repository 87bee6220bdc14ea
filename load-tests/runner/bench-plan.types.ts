/** The request a stream sends over and over; bodies vary per request (see workload.ts). */
export type RequestKind = 'search' | 'add' | 'add-infer' | 'get' | 'list';

export interface SeedPlan {
  memories: number;
  scopes: number;
  messagesPerRequest: number;
  concurrency: number;
  timeoutSeconds: number;
}

/** One autocannon instance: `connections` keep-alive connections sending `kind` requests. */
export interface StreamPlan {
  kind: RequestKind;
  connections: number;
}

/** Streams run at the same time for `durationSeconds`; each is measured on its own. */
export interface ScenarioPlan {
  name: string;
  description: string;
  durationSeconds: number;
  streams: StreamPlan[];
}

export type Percentile = 'p50' | 'p95' | 'p99';

export type Target =
  | {
      type: 'latency';
      scenario: string;
      stream: RequestKind;
      percentile: Percentile;
      maxMs: number;
    }
  /** No connection errors, timeouts or non-2xx answers in any stream of the scenario. */
  | { type: 'no-errors'; scenario: string }
  /** Peak resident memory of every instance of the service over the whole run. */
  | { type: 'rss'; service: string; maxMb: number };
