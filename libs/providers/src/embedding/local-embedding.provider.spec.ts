import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_DIMS, writeFakeWinkModel } from './fake-wink-model.fixture';
import type { GloveSource } from './glove-model.files';
import { loadGloveModel, type GloveModel } from './glove-model.loader';
import { createLocalEmbeddingProvider, LocalEmbeddingProvider } from './local-embedding.provider';

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i += 1) dot += a[i] * b[i];
  return dot;
}

describe(LocalEmbeddingProvider.name, () => {
  let dir: string;
  let source: GloveSource;
  let model: GloveModel;
  let provider: LocalEmbeddingProvider;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mnemo-local-embedding-'));
    source = await writeFakeWinkModel(dir);
    model = await loadGloveModel(join(dir, 'cache'), { source });
    provider = new LocalEmbeddingProvider({ model });
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  const embedOne = async (text: string): Promise<Float32Array> =>
    (await provider.embed([text], 'document'))[0];

  it('describes itself', () => {
    expect([provider.name, provider.model, provider.dims]).toEqual([
      'local',
      'glove-sg-100d-sif',
      100,
    ]);
  });

  it('returns one unit-length vector per text, in order', async () => {
    const texts = ['I love spicy Sichuan food', 'ORD-88412', '', 'the of and'];
    const vectors = await provider.embed(texts, 'document');

    expect(vectors).toHaveLength(4);
    for (const vector of vectors) {
      expect(vector).toHaveLength(FAKE_DIMS);
      expect(cosine(vector, vector)).toBeCloseTo(1, 5);
    }
    expect(vectors[0]).toEqual(await embedOne(texts[0]));
  });

  it('scores similar sentences above unrelated ones', async () => {
    const spicy = await embedOne('I love spicy Sichuan food');
    const cuisine = await embedOne('Sichuan cuisine is my favourite');
    const car = await embedOne('my car needs new tyres');
    const school = await embedOne('My daughter has homework from her teacher');

    expect(cosine(spicy, cuisine)).toBeGreaterThan(cosine(spicy, car) + 0.3);
    expect(cosine(spicy, cuisine)).toBeGreaterThan(cosine(spicy, school) + 0.3);
  });

  it('lets frequent words weigh less than rare ones', () => {
    expect(provider.weightOf('the')).toBeLessThan(provider.weightOf('food'));
    expect(provider.weightOf('food')).toBeLessThan(provider.weightOf('noodles'));
    expect(provider.weightOf('7')).toBeLessThan(provider.weightOf('88412'));
  });

  it('embeds queries and documents alike', async () => {
    const [query] = await provider.embed(['spicy noodles'], 'query');
    expect(query).toEqual(await embedOne('spicy noodles'));
  });

  it('gives unknown tokens a deterministic hashed vector that still matches itself', async () => {
    const other = new LocalEmbeddingProvider({ model });
    const withId = await embedOne('spicy food zq-7781x');

    expect(other.embedText('spicy food zq-7781x')).toEqual(withId);
    const sameId = cosine(withId, await embedOne('zq-7781x'));
    const otherId = cosine(withId, await embedOne('qz-1877x'));
    expect(sameId).toBeGreaterThan(otherId + 0.3);
  });

  it('uses a compound in the vocabulary whole, and the parts of one that is not', async () => {
    expect(await embedOne('e-mail')).not.toEqual(await embedOne('mail'));
    expect(await embedOne('car-food')).toEqual(await embedOne('car food'));
  });

  it('gives every text without tokens the same unit vector, unlike any word', async () => {
    const [empty, blank, punctuation] = await provider.embed(['', ' \n ', '!?'], 'document');

    expect(blank).toEqual(empty);
    expect(punctuation).toEqual(empty);
    expect(cosine(empty, empty)).toBeCloseTo(1, 5);
    expect(Math.abs(cosine(empty, await embedOne('food')))).toBeLessThan(0.4);
  });

  it('hands out vectors the caller may change', async () => {
    const [first] = await provider.embed([''], 'document');
    first.fill(0);
    expect(cosine(await embedOne(''), await embedOne(''))).toBeCloseTo(1, 5);
  });

  it('is built by the factory from a cache directory', async () => {
    const built = await createLocalEmbeddingProvider({
      cacheDir: join(dir, 'cache'),
      source,
      sifA: 0.01,
    });

    expect(built.dims).toBe(FAKE_DIMS);
    expect(built.weightOf('the')).toBeGreaterThan(provider.weightOf('the'));
  });
});
