import autocannon from 'autocannon';
import type { RequestKind, StreamPlan } from './bench-plan.types';
import { LatencyRecorder, type LatencySummary } from './latency-recorder';
import type { HttpCall } from './workload';

export interface StreamResult {
  kind: RequestKind;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

export interface StreamOptions {
  /** one gateway, or several: autocannon sends connection i to URL i mod n, as a balancer would */
  baseUrl: string | string[];
  stream: StreamPlan;
  durationSeconds: number;
  /** A fresh request per call. */
  nextCall: (kind: RequestKind) => HttpCall;
  headers: Record<string, string>;
  timeoutSeconds?: number;
}

/** Runs one autocannon instance for a bounded time and keeps every response time. */
export async function runStream(options: StreamOptions): Promise<StreamResult> {
  const { stream, durationSeconds } = options;
  const timeoutSeconds = options.timeoutSeconds ?? 10;
  const recorder = new LatencyRecorder();
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        // autocannon takes a list of URLs too (connection i to URL i mod n); its types say string.
        url: options.baseUrl as string,
        connections: stream.connections,
        duration: durationSeconds,
        timeout: timeoutSeconds,
        headers: { 'content-type': 'application/json', ...options.headers },
        requests: [
          {
            setupRequest: (request) => {
              const call = options.nextCall(stream.kind);
              return { ...request, method: call.method, path: call.path, body: call.body };
            },
          },
        ],
      },
      (error: unknown, result) => (error ? reject(toError(error)) : resolve(result)),
    );
  });
  instance?.on('response', (_client, _status, _bytes, responseTime: number) =>
    recorder.record(responseTime),
  );
  // autocannon stops itself after `duration`; this only guards against it hanging.
  const guard = setTimeout(() => instance?.stop(), (durationSeconds + timeoutSeconds + 5) * 1000);
  try {
    return toStreamResult(stream, await finished, recorder.summary());
  } finally {
    clearTimeout(guard);
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function toStreamResult(
  stream: StreamPlan,
  result: autocannon.Result,
  latency: LatencySummary,
): StreamResult {
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]),
  );
  return {
    kind: stream.kind,
    connections: stream.connections,
    seconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: result.duration > 0 ? result.requests.total / result.duration : 0,
    latency,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
  };
}
