import { Registry } from 'prom-client';
import type { ServiceMetrics } from '@mnemo/observability';
import type { EmbeddingProvider, EmbeddingPurpose } from '@mnemo/providers';
import type { EmbedderConfig } from '../config/embedder.config';
import { EmbeddingMetrics } from './embedding.metrics';
import { EmbeddingService } from './embedding.service';

class CountingProvider implements EmbeddingProvider {
  readonly name = 'counting';
  readonly model = 'counting-2d';
  readonly dims = 2;
  readonly calls: { texts: string[]; purpose: EmbeddingPurpose }[] = [];

  constructor(readonly purposeSensitive?: boolean) {}

  embed(texts: string[], purpose: EmbeddingPurpose): Promise<Float32Array[]> {
    this.calls.push({ texts, purpose });
    const offset = this.purposeSensitive && purpose === 'query' ? 1 : 0;
    return Promise.resolve(texts.map((text) => Float32Array.of(text.length + offset, 1)));
  }
}

function serviceWith(provider: EmbeddingProvider, cacheSize = 100) {
  const registry = new Registry();
  const metrics = new EmbeddingMetrics({ registry } as unknown as ServiceMetrics);
  const config = { MNEMO_EMBED_CACHE_SIZE: cacheSize } as EmbedderConfig;
  return { service: new EmbeddingService(provider, config, metrics), registry };
}

describe(EmbeddingService.name, () => {
  it('embeds a text once for both purposes when the provider ignores purpose', async () => {
    const provider = new CountingProvider();
    const { service, registry } = serviceWith(provider);
    const asDocument = await service.embed(['Lives in Leeds', 'Has a cat'], 'document');
    const asQuery = await service.embed(['Has a cat', 'Lives in Leeds'], 'query');
    expect(provider.calls).toEqual([
      { texts: ['Lives in Leeds', 'Has a cat'], purpose: 'document' },
    ]);
    expect(asQuery).toEqual([asDocument[1], asDocument[0]]);
    const hits = await registry.getSingleMetric('mnemo_embed_cache_hits_total')?.get();
    expect(hits?.values[0]?.value).toBe(2);
  });

  it('keeps a vector per purpose when the provider tells them apart', async () => {
    const provider = new CountingProvider(true);
    const { service } = serviceWith(provider);
    const [document] = await service.embed(['Has a cat'], 'document');
    const [query] = await service.embed(['Has a cat'], 'query');
    await service.embed(['Has a cat'], 'query');
    expect(provider.calls.map((call) => call.purpose)).toEqual(['document', 'query']);
    expect(query).not.toEqual(document);
  });

  it('sends only the texts it has not seen, in one provider call, and keeps the order', async () => {
    const provider = new CountingProvider();
    const { service } = serviceWith(provider);
    await service.embed(['b'], 'document');
    const vectors = await service.embed(['aaa', 'b', 'cc'], 'document');
    expect(provider.calls.map((call) => call.texts)).toEqual([['b'], ['aaa', 'cc']]);
    expect(vectors.map((vector) => vector[0])).toEqual([3, 1, 2]);
  });

  it('asks the provider every time when the cache is off', async () => {
    const provider = new CountingProvider();
    const { service } = serviceWith(provider, 0);
    await service.embed(['a'], 'document');
    await service.embed(['a'], 'document');
    expect(provider.calls).toHaveLength(2);
  });
});
