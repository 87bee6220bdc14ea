import type { MetricsEndpoint } from './bus-timings';
import { scrapeIndexGauges } from './index-gauges';
import { Workload } from './workload';

export interface PrimeOptions {
  baseUrl: string;
  metricsEndpoints: MetricsEndpoint[];
  scopes: number;
  memories: number;
  /** scopes at least this large get an HNSW graph (the services' MNEMO_SEARCH_ANN_MIN_MEMORIES) */
  annMinMemories: number;
  timeoutSeconds: number;
  log: (line: string) => void;
}

/**
 * One search per seeded scope, then a wait until the vector-store holds them all and has built
 * the graphs of the large ones: the measured window is the index's steady state, not its loading
 * (a 100,000-memory scope takes seconds to read and longer to graph, answering exactly meanwhile).
 */
export async function primeIndex(options: PrimeOptions): Promise<number> {
  const started = performance.now();
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let next = 0;
  const worker = async () => {
    while (next < options.scopes) await searchUntilAnswered(options, next++, deadline);
  };
  await Promise.all(Array.from({ length: Math.min(8, options.scopes) }, worker));
  const perScope = options.memories / options.scopes;
  const graphs = perScope >= options.annMinMemories ? options.scopes : 0;
  while (Date.now() < deadline) {
    const gauges = await scrapeIndexGauges(options.metricsEndpoints);
    const held = gauges.reduce((sum, g) => sum + g.memories, 0);
    const built = gauges.reduce((sum, g) => sum + (g.annScopes ?? 0), 0);
    if (held >= options.memories && built >= graphs) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const seconds = (performance.now() - started) / 1000;
  options.log(`index primed in ${seconds.toFixed(1)} s (${graphs} HNSW graph(s) expected)`);
  return seconds;
}

async function searchUntilAnswered(options: PrimeOptions, scope: number, deadline: number) {
  while (Date.now() < deadline) {
    const response = await fetch(new URL('/search', options.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'warm up',
        filters: { user_id: Workload.scopeUser(scope) },
        top_k: 1,
      }),
    }).catch(() => undefined);
    await response?.text();
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
