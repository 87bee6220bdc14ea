import autocannon from 'autocannon';
import { z } from 'zod';
import type { MetricsEndpoint } from './bus-timings';
import { scrapeEventLoopLag, type EventLoopLag } from './event-loop-lag';
import { LatencyRecorder, type LatencySummary } from './latency-recorder';
import type { Corpus } from './workload';

/** One project of the scenario: its key and the single user scope it searches. */
export interface Tenant {
  name: string;
  projectId: string;
  apiKey: string;
  userId: string;
}

export interface RateStreamResult {
  tenant: string;
  targetRps: number;
  connections: number;
  seconds: number;
  requests: number;
  /** latency of the 200 answers only; errors are counted by status below */
  ok: LatencySummary;
  statusCodes: Record<string, number>;
  /** connection errors and client-side timeouts */
  errors: number;
  timeouts: number;
}

const createdSchema = z.object({ project_id: z.string(), api_key: z.string() });
const addedSchema = z.object({ results: z.array(z.object({ id: z.string() })) });

/** Creates a project with its first key through the admin API. */
export async function createTenant(
  baseUrl: string,
  adminKey: string,
  name: string,
): Promise<Tenant> {
  const response = await fetch(new URL('/api/v1/admin/projects', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Token ${adminKey}` },
    body: JSON.stringify({ name }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`creating project ${name}: ${response.status} ${text}`);
  const created = createdSchema.parse(JSON.parse(text));
  return { name, projectId: created.project_id, apiKey: created.api_key, userId: `${name}-user` };
}

/** Adds `memories` distinct messages verbatim (infer:false) to the tenant's one scope. */
export async function seedScope(
  baseUrl: string,
  tenant: Tenant,
  corpus: Corpus,
  memories: number,
  log: (line: string) => void,
): Promise<number> {
  const perRequest = 10;
  let next = 0;
  let stored = 0;
  const worker = async () => {
    while (next < memories) {
      const first = next;
      next += perRequest;
      const count = Math.min(perRequest, memories - first);
      const messages = Array.from({ length: count }, (_, i) => ({
        role: 'user',
        content: `${corpus.userTurns[(first + i) % corpus.userTurns.length]} (note ${first + i})`,
      }));
      await addOnce(baseUrl, tenant, { messages, user_id: tenant.userId, infer: false });
      stored += count;
      if (Math.floor(first / 1000) !== Math.floor((first + count) / 1000)) {
        log(`${tenant.name}: ${stored} memories`);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return stored;
}

async function addOnce(baseUrl: string, tenant: Tenant, body: object): Promise<void> {
  const response = await fetch(new URL('/memories', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`seeding ${tenant.name}: ${response.status} ${text}`);
  addedSchema.parse(JSON.parse(text));
}

export interface RateStreamOptions {
  baseUrl: string;
  tenant: Tenant;
  queries: string[];
  rps: number;
  connections: number;
  seconds: number;
}

/** Searches the tenant's scope at a fixed overall rate for a bounded time. */
export async function searchAtRate(options: RateStreamOptions): Promise<RateStreamResult> {
  const { tenant, queries } = options;
  const recorder = new LatencyRecorder();
  let index = 0;
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.baseUrl,
        connections: options.connections,
        overallRate: options.rps,
        duration: options.seconds,
        timeout: 10,
        headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
        requests: [
          {
            method: 'POST',
            path: '/search',
            setupRequest: (request) => {
              const query = queries[index++ % queries.length];
              const body = { query, filters: { user_id: tenant.userId }, top_k: 10 };
              return { ...request, body: JSON.stringify(body) };
            },
          },
        ],
      },
      (error: unknown, result) =>
        error
          ? reject(error instanceof Error ? error : new Error('autocannon failed'))
          : resolve(result),
    );
  });
  instance?.on('response', (_client, status: number, _bytes, responseTime: number) => {
    if (status === 200) recorder.record(responseTime);
  });
  const result = await finished;
  return {
    tenant: tenant.name,
    targetRps: options.rps,
    connections: options.connections,
    seconds: result.duration,
    requests: result.requests.total,
    ok: recorder.summary(),
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]),
    ),
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Every query of the corpus with its slots filled by their first values. */
export function searchQueries(corpus: Corpus): string[] {
  return corpus.queries.map((template) =>
    template.replace(/\{(\w+)\}/g, (_, slot: string) => corpus.slots[slot]?.[0] ?? slot),
  );
}

/** One line of a stream's outcome, for a runner's summary. */
export function describeStream(name: string, r: RateStreamResult): string {
  return `${name}: ${r.requests} req, 200s p50 ${r.ok.p50Ms} ms p99 ${r.ok.p99Ms} ms, statuses ${JSON.stringify(r.statusCodes)}, errors ${r.errors}, timeouts ${r.timeouts}`;
}

/** MNEMO_* keys of the runner's environment (e.g. MNEMO_READ_CONCURRENCY_PER_PROJECT) go to the services. */
export function tuningEnv(): Record<string, string> {
  const passed = Object.entries(process.env).filter(
    ([key]) => key.startsWith('MNEMO_') && !['MNEMO_MODEL_DIR', 'MNEMO_MYSQL_URL'].includes(key),
  );
  return Object.fromEntries(passed) as Record<string, string>;
}

/** The quiet tenant of a runner: its searches at `rps` over four connections. */
export interface QuietStream {
  run(seconds: number): Promise<RateStreamResult>;
  /**
   * Its baseline: 3 s of warm-up not counted, then `seconds` alone, with each service's event-loop
   * delay over those seconds (the warm-up's and the seeding's reset first).
   */
  alone(seconds: number): Promise<{ alone: RateStreamResult; lag: EventLoopLag[] }>;
}

export function quietStream(
  baseUrl: string,
  endpoints: MetricsEndpoint[],
  options: { tenant: Tenant; queries: string[]; rps: number },
): QuietStream {
  const run = (seconds: number) => searchAtRate({ baseUrl, ...options, connections: 4, seconds });
  return {
    run,
    alone: async (seconds) => {
      await run(3);
      await scrapeEventLoopLag(endpoints);
      const alone = await run(seconds);
      return { alone, lag: await scrapeEventLoopLag(endpoints) };
    },
  };
}
