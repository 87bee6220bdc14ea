import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { ServiceMetrics } from '@mnemo/observability';
import { SERVICE_METRICS } from '@mnemo/service-kit';
import { SearchIndex } from './search-index';

/** How a search found its candidates. */
export type IndexLookup = 'hit' | 'miss' | 'too_large';

/** How a search scored its candidates: from an HNSW graph's candidates, or every one of them. */
export type ScoringPath = 'ann' | 'exact';

/** Prometheus view of the search index: size, scopes, lookups and load time. */
@Injectable()
export class SearchIndexMetrics {
  private readonly lookups: Counter<'outcome'>;
  private readonly loads: Histogram;
  private readonly paths: Counter<'path'>;
  private readonly builds: Histogram;

  constructor(@Inject(SERVICE_METRICS) metrics: ServiceMetrics, index: SearchIndex) {
    const registers = [metrics.registry];
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
    this.paths = new Counter({
      name: 'mnemo_search_index_queries_total',
      help: 'Searches by scoring path: ann (HNSW candidates re-scored exactly) or exact (every one)',
      labelNames: ['path'],
      registers,
    });
    this.builds = new Histogram({
      name: 'mnemo_search_index_ann_build_seconds',
      help: "Time to build one scope's HNSW graph (in slices, between other searches)",
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
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
    gauge(
      'mnemo_search_index_ann_scopes',
      'Scopes answered from an HNSW graph',
      () => index.stats().annScopes,
    );
  }

  scored(path: ScoringPath): void {
    this.paths.inc({ path });
  }

  annBuilt(seconds: number): void {
    this.builds.observe(seconds);
  }

  lookup(outcome: IndexLookup): void {
    this.lookups.inc({ outcome });
  }

  loaded(seconds: number): void {
    this.loads.observe(seconds);
  }
}
