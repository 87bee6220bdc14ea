import { eventually, FakeOpenAiServer } from '@mnemo/testing';
import { ProviderError, type LlmCallRecord } from '../llm/llm-provider';
import { OpenAiLlmProvider, type OpenAiLlmProviderOptions } from './openai-llm.provider';

const hello = { messages: [{ role: 'user' as const, content: 'hello' }] };

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ProviderError))
    throw new Error(`expected a ProviderError, got ${String(err)}`);
  return err;
}

describe(OpenAiLlmProvider.name, () => {
  let fake: FakeOpenAiServer;
  const providers: OpenAiLlmProvider[] = [];

  function provider(options: Partial<OpenAiLlmProviderOptions> = {}): OpenAiLlmProvider {
    const created = new OpenAiLlmProvider({
      apiKey: 'sk-test',
      baseURL: fake.baseURL,
      model: 'gpt-test',
      timeoutMs: 5_000,
      maxRetries: 2,
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

  it('tells its observer the outcome and token usage of every call', async () => {
    const records: LlmCallRecord[] = [];
    const llm = provider({ maxRetries: 0, observer: (record) => records.push(record) });
    fake.scriptChat('{"facts":[]}', { status: 401 });
    await llm.complete(hello);
    await llm.complete(hello).catch(() => undefined);
    expect(records).toEqual([
      {
        model: 'gpt-test',
        seconds: expect.any(Number),
        outcome: 'ok',
        promptTokens: expect.any(Number),
        completionTokens: expect.any(Number),
      },
      { model: 'gpt-test', seconds: expect.any(Number), outcome: 'provider_auth_failed' },
    ]);
    expect(records[0]?.promptTokens).toBeGreaterThan(0);
  });

  it('asks for a JSON object in JSON mode and returns the reply text', async () => {
    fake.scriptChat('{"facts":["Likes tea"]}');

    const reply = await provider().complete({
      messages: [
        { role: 'system', content: 'Extract facts as JSON.' },
        { role: 'user', content: 'I like tea' },
      ],
      json: true,
      temperature: 0,
      maxTokens: 200,
    });

    expect(reply).toBe('{"facts":["Likes tea"]}');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.body).toEqual({
      model: 'gpt-test',
      messages: [
        { role: 'system', content: 'Extract facts as JSON.' },
        { role: 'user', content: 'I like tea' },
      ],
      response_format: { type: 'json_object' },
      temperature: 0,
      max_tokens: 200,
    });
  });

  it('sends only the messages and model for a plain completion', async () => {
    await provider({ maxTokensField: 'max_completion_tokens' }).complete({
      ...hello,
      maxTokens: 9,
    });

    expect(fake.requests[0]?.body).toEqual({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'hello' }],
      max_completion_tokens: 9,
    });
  });

  it('succeeds after a 429, waiting as long as Retry-After asks', async () => {
    fake.scriptChat({ status: 429, headers: { 'retry-after-ms': '600' } }, 'after the limit');
    const started = performance.now();

    const reply = await provider().complete(hello);

    expect(reply).toBe('after the limit');
    expect(fake.requests).toHaveLength(2);
    // The SDK's own first backoff is at most 0.5 s, so this wait can only come from the header.
    expect(performance.now() - started).toBeGreaterThanOrEqual(595);
  });

  it('retries two 500s and returns the third answer', async () => {
    const quick = { 'retry-after-ms': '1' };
    fake.scriptChat({ status: 500, headers: quick }, { status: 500, headers: quick }, 'third time');

    await expect(provider().complete(hello)).resolves.toBe('third time');
    expect(fake.requests).toHaveLength(3);
  });

  it('backs off exponentially when the provider gives no Retry-After', async () => {
    fake.scriptChat({ status: 503 }, 'recovered');
    const started = performance.now();

    await expect(provider().complete(hello)).resolves.toBe('recovered');
    // The first backoff is 0.5 s less up to 25 % jitter.
    expect(performance.now() - started).toBeGreaterThanOrEqual(370);
  });

  it('reports provider_unavailable once the retries are spent', async () => {
    const quick = { status: 502, headers: { 'retry-after-ms': '1' } };
    fake.scriptChat(quick, quick, quick);

    const err = await failure(provider().complete(hello));

    expect(err).toMatchObject({ code: 'provider_unavailable', retryable: true });
    expect(fake.requests).toHaveLength(3);
  });

  it('reports provider_auth_failed for a wrong key without retrying', async () => {
    const err = await failure(provider({ apiKey: 'sk-wrong' }).complete(hello));

    expect(err).toMatchObject({ code: 'provider_auth_failed', retryable: false });
    expect(err.message).toBe('provider rejected the credentials: 401 Incorrect API key provided.');
    expect(fake.requests).toHaveLength(1);
  });

  it('reports provider_bad_request for a 400 without retrying', async () => {
    fake.scriptChat({ status: 400 });

    const err = await failure(provider().complete(hello));

    expect(err).toMatchObject({ code: 'provider_bad_request', retryable: false });
    expect(fake.requests).toHaveLength(1);
  });

  it('reports provider_timeout when the reply is slower than the call deadline', async () => {
    fake.scriptChat({ delayMs: 10_000, content: 'too late' });
    const started = performance.now();

    const err = await failure(provider({ timeoutMs: 150 }).complete(hello));

    expect(err).toMatchObject({ code: 'provider_timeout', retryable: true });
    expect(err.message).toBe('provider did not answer within 150 ms');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('reports provider_unavailable when nothing listens at the base URL', async () => {
    const baseURL = fake.baseURL;
    await fake.stop();
    fake = await FakeOpenAiServer.start();

    const err = await failure(provider({ baseURL, maxRetries: 0 }).complete(hello));

    expect(err).toMatchObject({ code: 'provider_unavailable', retryable: true });
  });

  it('opens the circuit after repeated failures, fails fast, and closes after the reset timeout', async () => {
    const llm = provider({
      maxRetries: 0,
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 200 },
    });
    fake.scriptChat({ status: 503 }, { status: 503 }, { status: 503 });
    for (let i = 0; i < 3; i += 1) {
      expect(await failure(llm.complete(hello))).toMatchObject({ code: 'provider_unavailable' });
    }

    const fast = await failure(llm.complete(hello));

    expect(fast).toMatchObject({
      code: 'provider_unavailable',
      retryable: true,
      message: 'provider circuit breaker is open, failing fast',
    });
    expect(llm.circuitState).toBe('open');
    expect(fake.requests).toHaveLength(3);
    await expect(eventually(() => llm.complete(hello), { intervalMs: 20 })).resolves.toBe('hello');
    expect(llm.circuitState).toBe('closed');
    expect(fake.requests).toHaveLength(4);
  });

  it('keeps the circuit closed when only non-retryable errors occur', async () => {
    const llm = provider({ apiKey: 'sk-wrong', breaker: { volumeThreshold: 2 } });

    for (let i = 0; i < 4; i += 1) {
      expect(await failure(llm.complete(hello))).toMatchObject({ code: 'provider_auth_failed' });
    }

    expect(llm.circuitState).toBe('closed');
    expect(fake.requests).toHaveLength(4);
  });

  it('reports provider_bad_request when the reply carries no content', async () => {
    fake.scriptChat({
      status: 200,
      body: { id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [] },
    });

    const err = await failure(provider().complete(hello));

    expect(err).toMatchObject({
      code: 'provider_bad_request',
      message: 'provider answered no message content',
    });
  });
});
