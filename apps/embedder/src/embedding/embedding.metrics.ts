import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import type { ServiceMetrics } from '@mnemo/observability';
import type { EmbeddingPurpose } from '@mnemo/providers';
import { SERVICE_METRICS } from '@mnemo/service-kit';

const sizeBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048];

/** Prometheus view of embedding: texts per request, texts the provider had to embed, cache hits. */
@Injectable()
export class EmbeddingMetrics {
  private readonly requestTexts: Histogram<'purpose'>;
  private readonly providerTexts: Histogram;
  private readonly cacheHits: Counter;

  constructor(@Inject(SERVICE_METRICS) metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.requestTexts = new Histogram({
      name: 'mnemo_embed_request_texts',
      help: 'Texts in one embedding request received over NATS',
      labelNames: ['purpose'],
      buckets: sizeBuckets,
      registers,
    });
    this.providerTexts = new Histogram({
      name: 'mnemo_embed_provider_texts',
      help: 'Texts of one request sent to the provider (those not in the cache)',
      buckets: sizeBuckets,
      registers,
    });
    this.cacheHits = new Counter({
      name: 'mnemo_embed_cache_hits_total',
      help: 'Texts answered from the embedding cache',
      registers,
    });
  }

  request(purpose: EmbeddingPurpose, texts: number, embedded: number): void {
    this.requestTexts.observe({ purpose }, texts);
    if (embedded > 0) this.providerTexts.observe(embedded);
    if (texts > embedded) this.cacheHits.inc(texts - embedded);
  }
}
