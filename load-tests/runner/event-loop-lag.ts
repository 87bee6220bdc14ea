import type { MetricsEndpoint } from './bus-timings';

/** The event-loop delay a service saw since its metrics were last read (prom-client resets it). */
export interface EventLoopLag {
  instance: string;
  p99Ms: number;
  maxMs: number;
}

const LAG = /^nodejs_eventloop_lag_(p99|max)_seconds(?:\{[^}]*\})?\s+(\S+)$/;

/** Reads (and so resets) every endpoint's event-loop delay: call once before a phase, once after. */
export async function scrapeEventLoopLag(endpoints: MetricsEndpoint[]): Promise<EventLoopLag[]> {
  return Promise.all(
    endpoints.map(async (endpoint) => {
      const response = await fetch(endpoint.url, { signal: AbortSignal.timeout(5000) });
      return { instance: endpoint.name, ...parseEventLoopLag(await response.text()) };
    }),
  );
}

export function parseEventLoopLag(exposition: string): Omit<EventLoopLag, 'instance'> {
  const seconds = { p99: Number.NaN, max: Number.NaN };
  for (const line of exposition.split('\n')) {
    const match = LAG.exec(line);
    if (match) seconds[match[1] as 'p99' | 'max'] = Number(match[2]);
  }
  return { p99Ms: round(seconds.p99 * 1000), maxMs: round(seconds.max * 1000) };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
