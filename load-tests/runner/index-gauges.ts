import type { MetricsEndpoint } from './bus-timings';

/** The vector-store's search-index gauges at the end of a run, per instance. */
export interface IndexGauges {
  instance: string;
  bytes: number;
  memories: number;
  scopes: number;
  /** scopes answered from an HNSW graph (absent before the ANN path existed) */
  annScopes?: number;
}

const GAUGE = /^mnemo_search_index_(bytes|memories|scopes|ann_scopes)\{[^}]*\}\s+(\S+)$/;

/** Reads the gauges of every endpoint that has them (the vector-store instances). */
export async function scrapeIndexGauges(endpoints: MetricsEndpoint[]): Promise<IndexGauges[]> {
  const gauges: IndexGauges[] = [];
  for (const endpoint of endpoints) {
    const response = await fetch(endpoint.url, { signal: AbortSignal.timeout(5000) });
    const values = parseIndexGauges(await response.text());
    if (values) gauges.push({ instance: endpoint.name, ...values });
  }
  return gauges;
}

export function parseIndexGauges(exposition: string): Omit<IndexGauges, 'instance'> | undefined {
  const values: Partial<Record<'bytes' | 'memories' | 'scopes' | 'ann_scopes', number>> = {};
  for (const line of exposition.split('\n')) {
    const match = GAUGE.exec(line);
    if (match) values[match[1] as keyof typeof values] = Number(match[2]);
  }
  const { bytes, memories, scopes, ann_scopes: annScopes } = values;
  if (bytes === undefined || memories === undefined || scopes === undefined) return undefined;
  return annScopes === undefined
    ? { bytes, memories, scopes }
    : { bytes, memories, scopes, annScopes };
}

/** Bytes per memory as a table cell; `-` when the index is empty. */
export function bytesPerMemory(gauges: IndexGauges): string {
  return gauges.memories > 0 ? (gauges.bytes / gauges.memories).toFixed(0) : '-';
}
