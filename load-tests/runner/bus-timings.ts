export interface MetricsEndpoint {
  /** Instance id, e.g. `vector-store-0`. */
  name: string;
  url: string;
}

export interface BusTiming {
  instance: string;
  /** `handled`: time this service spent answering; `called`: time it waited on another. */
  side: 'handled' | 'called';
  subject: string;
  count: number;
  meanMs: number;
}

type Totals = Map<string, { sum: number; count: number }>;

const SIDES = {
  mnemo_bus_handled_seconds: 'handled',
  mnemo_bus_request_seconds: 'called',
} as const;
const LINE =
  /^(mnemo_bus_handled_seconds|mnemo_bus_request_seconds)_(sum|count)\{([^}]*)\}\s+(\S+)$/;

/** Sum and count of the NATS request histograms of every service, keyed by instance/side/subject. */
export async function scrapeBusTotals(endpoints: MetricsEndpoint[]): Promise<Totals> {
  const totals: Totals = new Map();
  await Promise.all(
    endpoints.map(async (endpoint) => {
      const response = await fetch(endpoint.url, { signal: AbortSignal.timeout(5000) });
      addTotals(totals, endpoint.name, await response.text());
    }),
  );
  return totals;
}

/** Adds one Prometheus text exposition to the totals (all outcomes of a subject together). */
export function addTotals(totals: Totals, instance: string, exposition: string): void {
  for (const line of exposition.split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    const [, metric, field, labels, value] = match;
    const subject = /subject="([^"]+)"/.exec(labels)?.[1];
    if (!subject) continue;
    const key = `${instance}\t${SIDES[metric as keyof typeof SIDES]}\t${subject}`;
    const entry = totals.get(key) ?? { sum: 0, count: 0 };
    entry[field as 'sum' | 'count'] += Number(value);
    totals.set(key, entry);
  }
}

/** What happened between two scrapes, the busiest first; health checks left out. */
export function busTimingsBetween(before: Totals, after: Totals): BusTiming[] {
  const timings: BusTiming[] = [];
  for (const [key, end] of after) {
    const start = before.get(key) ?? { sum: 0, count: 0 };
    const count = end.count - start.count;
    const [instance, side, subject] = key.split('\t') as [string, BusTiming['side'], string];
    if (count <= 0 || subject.startsWith('health.')) continue;
    timings.push({
      instance,
      side,
      subject,
      count,
      meanMs: ((end.sum - start.sum) * 1000) / count,
    });
  }
  return timings.sort((a, b) => b.count * b.meanMs - a.count * a.meanMs);
}
