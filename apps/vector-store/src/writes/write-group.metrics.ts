import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import type { ServiceMetrics } from '@mnemo/observability';
import { SERVICE_METRICS } from '@mnemo/service-kit';

const sizes = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

/** Prometheus view of group commit: writes per transaction, fallbacks, embedder requests. */
@Injectable()
export class WriteGroupMetrics {
  private readonly sizes: Histogram;
  private readonly fallbacks: Counter;
  private readonly embedTexts: Histogram;

  constructor(@Inject(SERVICE_METRICS) metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.sizes = new Histogram({
      name: 'mnemo_write_group_commit_size',
      help: 'Writes (commands and edits) applied in one group-commit transaction',
      buckets: sizes,
      registers,
    });
    this.fallbacks = new Counter({
      name: 'mnemo_write_group_fallbacks_total',
      help: 'Groups that failed as a whole and were applied one write at a time',
      registers,
    });
    this.embedTexts = new Histogram({
      name: 'mnemo_write_embedding_batch_size',
      help: 'Texts per embedder request the vector-store made for writes without vectors',
      buckets: sizes,
      registers,
    });
  }

  committed(writes: number): void {
    this.sizes.observe(writes);
  }

  fellBack(): void {
    this.fallbacks.inc();
  }

  embedded(texts: number, requests: number): void {
    if (requests > 0) this.embedTexts.observe(texts / requests);
  }
}
