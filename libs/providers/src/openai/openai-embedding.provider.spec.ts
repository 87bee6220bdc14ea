import { eventually, fakeEmbedding, FakeOpenAiServer } from '@mnemo/testing';
import { ProviderError } from '../llm/llm-provider';
import {
  OpenAiEmbeddingProvider,
  type OpenAiEmbeddingProviderOptions,
} from './openai-embedding.provider';

interface EmbeddingsBody {
  input: string[];
  dimensions?: number;
  encoding_format?: string;
}

function expectVector(actual: Float32Array | undefined, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual?.forEach((v, d) => expect(v).toBeCloseTo(expected[d], 6));
}

function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ProviderError))
    throw new Error(`expected a ProviderError, got ${String(err)}`);
  return err;
}

describe(OpenAiEmbeddingProvider.name, () => {
  let fake: FakeOpenAiServer;
  const providers: OpenAiEmbeddingProvider[] = [];
  const bodies = () => fake.requests.map((r) => r.body as EmbeddingsBody);

  function provider(options: Partial<OpenAiEmbeddingProviderOptions> = {}) {
    const created = new OpenAiEmbeddingProvider({
      apiKey: 'sk-test',
      baseURL: fake.baseURL,
      model: 'text-embedding-test',
      dims: 64,
      timeoutMs: 5_000,
      ...options,
    });
    providers.push(created);
    return created;
  }

  beforeEach(async () => {
    fake = await FakeOpenAiServer.start({ apiKey: 'sk-test' });
  });

  afterEach(async () => {
    providers.splice(0).forEach((p) => p.close());
    await fake.stop();
  });

  it('merges 20 concurrent calls into one request and gives each caller its own vector', async () => {
    const embedder = provider();
    const texts = Array.from({ length: 20 }, (_, i) => `memory number ${i}`);

    const results = await Promise.all(texts.map((text) => embedder.embed([text], 'document')));

    expect(fake.requests).toHaveLength(1);
    expect(bodies()[0]?.input).toEqual(texts);
    results.forEach(([vector], i) => expectVector(vector, fakeEmbedding(texts[i], 64)));
    expect(new Set(results.map(([v]) => v?.[0])).size).toBe(20);
  });

  it('splits concurrent calls into requests of at most maxBatch texts', async () => {
    const embedder = provider({ maxBatch: 8 });

    await Promise.all(Array.from({ length: 20 }, (_, i) => embedder.embed([`t${i}`], 'query')));

    expect(bodies().map((b) => b.input.length)).toEqual([8, 8, 4]);
  });

  it("keeps the order of one caller's texts", async () => {
    const [a, b] = await provider().embed(['first text', 'second text'], 'document');

    expectVector(a, fakeEmbedding('first text', 64));
    expectVector(b, fakeEmbedding('second text', 64));
  });

  it('sends the configured dimensions and returns vectors of that length', async () => {
    const [vector] = await provider({ dims: 256 }).embed(['sized'], 'query');

    expect(bodies()[0]).toMatchObject({ model: 'text-embedding-test', dimensions: 256 });
    expect(vector).toHaveLength(256);
  });

  it('leaves dimensions out when told to and checks the length answered', async () => {
    fake.embeddingsDims = 64;
    const fixed = provider({ sendDimensions: false });
    const wrong = provider({ sendDimensions: false, dims: 32 });

    await fixed.embed(['no dims'], 'document');
    const err = await failure(wrong.embed(['no dims'], 'document'));

    expect(bodies()[0]).not.toHaveProperty('dimensions');
    expect(err).toMatchObject({
      code: 'provider_bad_request',
      message: 'embedding provider answered a 64-d vector, configured for 32',
    });
  });

  it('returns unit-length vectors even when the provider does not normalise', async () => {
    fake.embedWith((text) => (text === 'a' ? [3, 4] : [0, 0]));

    const [a, zero] = await provider({ dims: 2 }).embed(['a', 'zero'], 'document');

    expect(a).toEqual(Float32Array.from([0.6, 0.8]));
    expect(norm(a)).toBeCloseTo(1, 6);
    expect(zero).toEqual(Float32Array.from([0, 0]));
  });

  it('asks for base64 by default and reads it into the vectors the float encoding gives', async () => {
    const [fromBase64] = await provider().embed(['same text'], 'query');
    const [fromFloats] = await provider({ encodingFormat: 'float' }).embed(['same text'], 'query');

    expect(bodies().map((body) => body.encoding_format)).toEqual(['base64', 'float']);
    expect(fromBase64).toBeInstanceOf(Float32Array);
    expect(fromBase64).toEqual(fromFloats);
    expectVector(fromBase64, fakeEmbedding('same text', 64));
  });

  it('refuses base64 that is not a whole number of float32 values', async () => {
    const data = [
      { object: 'embedding', index: 0, embedding: Buffer.from([1, 2, 3]).toString('base64') },
    ];
    fake.scriptEmbeddings({ status: 200, body: { object: 'list', data, model: 'm' } });

    const err = await failure(provider({ dims: 2 }).embed(['odd'], 'query'));

    expect(err).toMatchObject({
      code: 'provider_bad_request',
      message: 'embedding provider answered 3 bytes of base64, not a float32 vector',
    });
  });

  it('asks for float encoding when configured', async () => {
    await provider({ encodingFormat: 'float' }).embed(['f'], 'query');

    expect(bodies()[0]?.encoding_format).toBe('float');
  });

  it('answers an empty list without a request', async () => {
    await expect(provider().embed([], 'query')).resolves.toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it('fails every caller of a batch with the mapped error', async () => {
    const embedder = provider({ apiKey: 'sk-wrong' });

    const settled = await Promise.allSettled([
      embedder.embed(['x'], 'query'),
      embedder.embed(['y'], 'query'),
    ]);

    expect(fake.requests).toHaveLength(1);
    for (const result of settled) {
      expect(result).toMatchObject({
        status: 'rejected',
        reason: { code: 'provider_auth_failed', retryable: false },
      });
    }
  });

  it('retries a 429 and succeeds', async () => {
    fake.scriptEmbeddings({ status: 429, headers: { 'retry-after-ms': '1' } });

    const [vector] = await provider().embed(['busy'], 'query');

    expect(vector).toHaveLength(64);
    expect(fake.requests).toHaveLength(2);
  });

  it('reports provider_timeout when the answer is slower than the deadline', async () => {
    fake.scriptEmbeddings({ delayMs: 10_000 });

    const err = await failure(provider({ timeoutMs: 100 }).embed(['slow'], 'query'));

    expect(err).toMatchObject({ code: 'provider_timeout', retryable: true });
  });

  it('opens the circuit after repeated failures and closes after the reset timeout', async () => {
    const embedder = provider({
      maxRetries: 0,
      breaker: { volumeThreshold: 2, resetTimeoutMs: 150 },
    });
    fake.scriptEmbeddings({ status: 500 }, { status: 500 });
    await failure(embedder.embed(['a'], 'query'));
    await failure(embedder.embed(['b'], 'query'));

    const fast = await failure(embedder.embed(['c'], 'query'));

    expect(fast).toMatchObject({ code: 'provider_unavailable', retryable: true });
    expect(embedder.circuitState).toBe('open');
    expect(fake.requests).toHaveLength(2);
    await eventually(() => embedder.embed(['d'], 'query'), { intervalMs: 20 });
    expect(embedder.circuitState).toBe('closed');
  });
});
