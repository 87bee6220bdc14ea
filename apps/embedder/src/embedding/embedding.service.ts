import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { EmbeddingProvider, EmbeddingPurpose } from '@mnemo/providers';
import { EMBEDDING_PROVIDER } from './embedding.tokens';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { EmbedderConfig } from '../config/embedder.config';
import { EmbeddingMetrics } from './embedding.metrics';

/** Embeds texts through the configured provider, remembering recent results. */
@Injectable()
export class EmbeddingService {
  private readonly cache: LRUCache<string, Float32Array> | undefined;

  constructor(
    @Inject(EMBEDDING_PROVIDER) private readonly provider: EmbeddingProvider,
    @Inject(APP_CONFIG) config: EmbedderConfig,
    private readonly metrics: EmbeddingMetrics,
  ) {
    const max = config.MNEMO_EMBED_CACHE_SIZE;
    this.cache = max > 0 ? new LRUCache({ max }) : undefined;
  }

  get model(): string {
    return this.provider.model;
  }

  get dims(): number {
    return this.provider.dims;
  }

  async embed(texts: string[], purpose: EmbeddingPurpose): Promise<Float32Array[]> {
    const out = new Array<Float32Array | undefined>(texts.length);
    const missing: number[] = [];
    texts.forEach((text, index) => {
      const hit = this.cache?.get(this.cacheKey(purpose, text));
      if (hit) out[index] = hit;
      else missing.push(index);
    });
    this.metrics.request(purpose, texts.length, missing.length);
    if (missing.length > 0) {
      const vectors = await this.provider.embed(
        missing.map((index) => texts[index] ?? ''),
        purpose,
      );
      missing.forEach((index, position) => {
        const vector = vectors[position];
        if (!vector) throw new Error('the embedding provider returned fewer vectors than texts');
        out[index] = vector;
        this.cache?.set(this.cacheKey(purpose, texts[index] ?? ''), vector);
      });
    }
    return out as Float32Array[];
  }

  // A query and a stored text with the same words share one entry unless the model tells them apart.
  private cacheKey(purpose: EmbeddingPurpose, text: string): string {
    return this.provider.purposeSensitive ? `${purpose}\u0000${text}` : text;
  }
}
