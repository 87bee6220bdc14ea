import autocannon from 'autocannon';
import { z } from 'zod';
import { LatencyRecorder, percentile, type LatencySummary } from './latency-recorder';

export interface AddStreamOptions {
  baseUrl: string;
  path: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /** a fresh JSON body per request */
  body: () => object;
  /** requests per second over all connections; unset: as fast as answers come */
  overallRate?: number;
}

export interface AddStreamResult {
  connections: number;
  seconds: number;
  requests: number;
  ok: number;
  okPerSecond: number;
  latency: LatencySummary;
  statusCodes: Record<string, number>;
  errors: number;
  /** wall-clock bounds of the stream, for matching server timestamps */
  startedAt: number;
  finishedAt: number;
  /** open-model streams: arrivals not sent because every allowed request was still waiting */
  dropped?: number;
}

/** One autocannon stream of adds for a bounded time, every response time kept. */
export async function runAddStream(options: AddStreamOptions): Promise<AddStreamResult> {
  const recorder = new LatencyRecorder();
  const startedAt = Date.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.baseUrl,
        connections: options.connections,
        duration: options.seconds,
        timeout: 120,
        overallRate: options.overallRate,
        headers: { 'content-type': 'application/json', ...options.headers },
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              method: 'POST',
              path: options.path,
              body: JSON.stringify(options.body()),
            }),
          },
        ],
      },
      (error: unknown, done) =>
        error
          ? reject(error instanceof Error ? error : new Error('autocannon failed'))
          : resolve(done),
    );
    instance.on('response', (_client, status: number, _bytes, ms: number) => {
      if (status === 200) recorder.record(ms);
    });
  });
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]),
  );
  const ok = statusCodes['200'] ?? 0;
  return {
    connections: options.connections,
    seconds: result.duration,
    requests: result.requests.total,
    ok,
    okPerSecond: result.duration > 0 ? ok / result.duration : 0,
    latency: recorder.summary(),
    statusCodes,
    errors: result.errors,
    startedAt,
    finishedAt: Date.now(),
  };
}

const eventsPageSchema = z.object({
  next: z.string().nullable().optional(),
  results: z.array(
    z.object({ status: z.string(), created_at: z.string(), updated_at: z.string() }),
  ),
});

export interface Completions {
  /** events SUCCEEDED by the window's end */
  completed: number;
  perSecond: number;
  /** accepted to SUCCEEDED, by the server's timestamps */
  latency: Pick<LatencySummary, 'count' | 'p50Ms' | 'p99Ms' | 'maxMs'>;
}

/** Reads a project's SUCCEEDED add events and counts those finished inside the window. */
export async function completedAdds(
  baseUrl: string,
  apiKey: string,
  window: { startedAt: number; finishedAt: number },
): Promise<Completions> {
  const durations: number[] = [];
  let url: string | null = new URL(
    '/v1/events/?status=SUCCEEDED&page_size=100',
    baseUrl,
  ).toString();
  while (url) {
    const response = await fetch(url, { headers: { authorization: `Token ${apiKey}` } });
    if (!response.ok)
      throw new Error(`listing events: ${response.status} ${await response.text()}`);
    const page = eventsPageSchema.parse(await response.json());
    for (const event of page.results) {
      const finished = Date.parse(event.updated_at);
      if (finished <= window.finishedAt) durations.push(finished - Date.parse(event.created_at));
    }
    url = page.next ?? null;
  }
  const sorted = Float64Array.from(durations).sort();
  const seconds = (window.finishedAt - window.startedAt) / 1000;
  return {
    completed: sorted.length,
    perSecond: seconds > 0 ? sorted.length / seconds : 0,
    latency: {
      count: sorted.length,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted.length > 0 ? sorted[sorted.length - 1] : 0,
    },
  };
}
