import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { ServiceRuntime } from '@mnemo/service-kit';
import { SearchIndex } from './search-index';

/** How a search found its candidates. */
export type IndexLookup = 'hit' | 'miss' | 'too_large';

/** Prometheus view of the search index: size, scopes, lookups and load time. */
@Injectable()
export class SearchIndexMetrics {
  private readonly lookups: Counter<'outcome'>;
  private readonly loads: Histogram;

  constructor(runtime: ServiceRuntime, index: SearchIndex) {
    const registers = [runtime.metrics.registry];
    this.lookups = new Counter({
      name: 'mnemo_search_index_lookups_total',
      help: 'Searches by how the index answered: hit, miss (scope loaded) or too_large (exact SQL)',
      labelNames: ['outcome'],
      registers,
    });
    this.loads = new Histogram({
      name: 'mnemo_search_index_load_seconds',
      help: 'Time to load one scope from SQL into the index',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    gauge('mnemo_search_index_bytes', 'Estimated bytes the index holds', () => index.stats().bytes);
    gauge('mnemo_search_index_scopes', 'Scopes loaded in the index', () => index.stats().scopes);
    gauge(
      'mnemo_search_index_memories',
      'Memories held in the index',
      () => index.stats().memories,
    );
  }

  lookup(outcome: IndexLookup): void {
    this.lookups.inc({ outcome });
  }

  loaded(seconds: number): void {
    this.loads.observe(seconds);
  }
}
