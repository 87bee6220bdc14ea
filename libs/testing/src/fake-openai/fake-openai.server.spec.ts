import OpenAI from 'openai';
import { eventually } from '../eventually';
import { fakeEmbedding } from './fake-embedding';
import { FakeOpenAiServer } from './fake-openai.server';

async function post(fake: FakeOpenAiServer, path: string, body: unknown, key = 'sk-test') {
  const res = await fetch(`${fake.baseURL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

const chat = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'gpt-test',
  messages: [{ role: 'user', content }],
  ...extra,
});

function norm(vector: number[]): number {
  return Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
}

describe(FakeOpenAiServer.name, () => {
  let fake: FakeOpenAiServer;

  beforeEach(async () => {
    fake = await FakeOpenAiServer.start();
  });

  afterEach(async () => {
    await fake.stop();
  });

  it('listens on 127.0.0.1 with an ephemeral port and a /v1 base URL', () => {
    expect(fake.baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('answers a chat completion in the OpenAI wire format', async () => {
    fake.scriptChat('hello there');

    const res = await post(fake, '/chat/completions', chat('hi'));

    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('req_fake_1');
    expect(res.body).toEqual({
      id: 'chatcmpl-fake-1',
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'gpt-test',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'hello there', refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 3, total_tokens: 4 },
      system_fingerprint: 'fp_fake',
    });
  });

  it('serves scripted replies in order, then the chat handler', async () => {
    const client = new OpenAI({ apiKey: 'k', baseURL: fake.baseURL, maxRetries: 0 });
    const ask = async (content: string) =>
      (await client.chat.completions.create(chat(content) as never)).choices[0]?.message.content;
    fake.scriptChat('first', (req) => `second saw ${req.messages.length} message`);
    fake.scriptChat({ delayMs: 5, content: 'third' });
    fake.onChat((req) => `handler got ${JSON.stringify(req.messages[0]?.content)}`);

    expect(await ask('a')).toBe('first');
    expect(await ask('b')).toBe('second saw 1 message');
    expect(await ask('c')).toBe('third');
    expect(await ask('d')).toBe('handler got "d"');
  });

  it('echoes the last user message by default and answers {} in JSON mode, as OpenAI only when asked for JSON', async () => {
    const plain = await post(fake, '/chat/completions', chat('echo me'));
    const json = await post(
      fake,
      '/chat/completions',
      chat('answer in JSON', { response_format: { type: 'json_object' } }),
    );
    const noJsonWord = await post(
      fake,
      '/chat/completions',
      chat('answer please', { response_format: { type: 'json_object' } }),
    );

    expect(plain.body).toMatchObject({ choices: [{ message: { content: 'echo me' } }] });
    expect(json.body).toMatchObject({ choices: [{ message: { content: '{}' } }] });
    expect(noJsonWord).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringContaining("must contain the word 'json'") } },
    });
  });

  it('answers a scripted status with OpenAI error JSON and the given headers', async () => {
    fake.scriptChat({ status: 429, headers: { 'retry-after': '7' } });

    const res = await post(fake, '/chat/completions', chat('x'));

    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.body).toEqual({
      error: {
        message: 'Rate limit reached for requests.',
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
  });

  it('answers a scripted body verbatim', async () => {
    fake.scriptChat({ status: 503, body: { error: { message: 'overloaded' } } });

    const res = await post(fake, '/chat/completions', chat('x'));

    expect(res).toMatchObject({ status: 503, body: { error: { message: 'overloaded' } } });
  });

  it('answers 500 with the cause when a responder throws', async () => {
    fake.scriptChat(() => {
      throw new Error('boom');
    });

    const res = await post(fake, '/chat/completions', chat('x'));

    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ error: { message: 'fake server failed: Error: boom' } });
  });

  it('answers 401 in OpenAI error JSON for a wrong bearer key when a key is set', async () => {
    const guarded = await FakeOpenAiServer.start({ apiKey: 'sk-right' });
    try {
      const wrong = await post(guarded, '/chat/completions', chat('x'), 'sk-wrong');
      const right = await post(guarded, '/chat/completions', chat('x'), 'sk-right');

      expect(wrong).toMatchObject({
        status: 401,
        body: {
          error: {
            message: 'Incorrect API key provided.',
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          },
        },
      });
      expect(right.status).toBe(200);
      expect(guarded.requests).toHaveLength(2);
    } finally {
      await guarded.stop();
    }
  });

  it('records the path, body and headers of every request', async () => {
    await post(fake, '/chat/completions', chat('recorded'));
    await post(fake, '/embeddings', { model: 'emb', input: 'x' });

    expect(fake.requests.map((r) => r.path)).toEqual(['/v1/chat/completions', '/v1/embeddings']);
    expect(fake.requests[0]?.body).toEqual(chat('recorded'));
    expect(fake.requests[0]?.headers['authorization']).toBe('Bearer sk-test');
  });

  it('answers 400 for an invalid body, 400 for streaming and 404 for an unknown path', async () => {
    const invalid = await post(fake, '/chat/completions', { messages: [] });
    const stream = await post(fake, '/chat/completions', chat('x', { stream: true }));
    const unknown = await post(fake, '/nope', {});

    expect(invalid).toMatchObject({
      status: 400,
      body: { error: { type: 'invalid_request_error' } },
    });
    expect(stream).toMatchObject({
      status: 400,
      body: { error: { message: 'The fake does not stream.' } },
    });
    expect(unknown).toMatchObject({
      status: 404,
      body: { error: { code: 'unknown_url', message: 'Unknown request URL: POST /v1/nope.' } },
    });
  });

  it('embeds deterministically with unit vectors of the requested dimensions', async () => {
    const res = await post(fake, '/embeddings', {
      model: 'emb',
      input: ['alpha', 'beta', 'alpha'],
      dimensions: 8,
      encoding_format: 'float',
    });
    const vectors = (res.body as { data: { embedding: number[] }[] }).data.map((d) => d.embedding);

    expect(res.body).toMatchObject({
      object: 'list',
      model: 'emb',
      data: [
        { object: 'embedding', index: 0 },
        { object: 'embedding', index: 1 },
        { object: 'embedding', index: 2 },
      ],
      usage: { prompt_tokens: 5, total_tokens: 5 },
    });
    expect(vectors[0]).toEqual(fakeEmbedding('alpha', 8));
    expect(vectors[2]).toEqual(vectors[0]);
    expect(vectors[1]).not.toEqual(vectors[0]);
    for (const vector of vectors) {
      expect(vector).toHaveLength(8);
      expect(norm(vector)).toBeCloseTo(1, 10);
    }
  });

  it('uses embeddingsDims when no dimensions are asked and decodes through the SDK from base64', async () => {
    const client = new OpenAI({ apiKey: 'k', baseURL: fake.baseURL, maxRetries: 0 });
    fake.embeddingsDims = 12;

    const res = await client.embeddings.create({ model: 'emb', input: 'gamma' });

    expect((fake.requests[0]?.body as { encoding_format: string }).encoding_format).toBe('base64');
    const expected = fakeEmbedding('gamma', 12);
    expect(res.data[0]?.embedding).toHaveLength(12);
    res.data[0]?.embedding.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    expect(fakeEmbedding('gamma', 1536)).toHaveLength(1536);
  });

  it('embeds with a custom function and serves scripted embedding failures', async () => {
    fake.embedWith((text) => [text.length, 0]);
    fake.scriptEmbeddings({ status: 500 });

    const failed = await post(fake, '/embeddings', { model: 'e', input: 'abc' });
    const custom = await post(fake, '/embeddings', {
      model: 'e',
      input: 'abc',
      encoding_format: 'float',
    });

    expect(failed).toMatchObject({ status: 500, body: { error: { type: 'server_error' } } });
    expect(custom.body).toMatchObject({ data: [{ embedding: [3, 0] }] });
  });

  it('delays answers by the configured latency', async () => {
    fake.setLatency(40);
    const started = performance.now();

    await post(fake, '/chat/completions', chat('slow'));

    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
  });

  it('delays embedding answers by their own latency when one is set', async () => {
    fake.setLatency(300, 0);
    let started = performance.now();
    await post(fake, '/embeddings', { model: 'e', input: 'x' });
    expect(performance.now() - started).toBeLessThan(250);

    started = performance.now();
    await post(fake, '/chat/completions', chat('slow'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(299);
  });

  it('forgets scripts, handlers and requests on reset', async () => {
    fake.scriptChat('scripted');
    fake.onChat(() => 'handled');
    await post(fake, '/embeddings', { model: 'e', input: 'x' });

    fake.reset();
    const res = await post(fake, '/chat/completions', chat('after reset'));

    expect(res.body).toMatchObject({ choices: [{ message: { content: 'after reset' } }] });
    expect(fake.requests.map((r) => r.path)).toEqual(['/v1/chat/completions']);
  });

  it('stops promptly while a delayed answer is still pending', async () => {
    const other = await FakeOpenAiServer.start();
    other.scriptChat({ delayMs: 60_000, content: 'never sent' });
    const pending = post(other, '/chat/completions', chat('x')).catch((err: unknown) => err);
    await eventually(() => expect(other.requests).toHaveLength(1));

    await other.stop();

    expect(await pending).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });

  it('is steered over HTTP under /__fake/ when running in another process', async () => {
    const control = (path: string, body?: unknown) =>
      fetch(`${fake.baseURL.replace(/\/v1$/, '')}/__fake/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    expect((await control('chat-replies', { replies: ['remote', { status: 502 }] })).status).toBe(
      204,
    );
    const first = await post(fake, '/chat/completions', chat('x'));
    const second = await post(fake, '/chat/completions', chat('x'));
    const recorded = (await (await control('requests')).json()) as { requests: unknown[] };
    const rejected = await control('latency', { ms: -1 });

    expect(first.body).toMatchObject({ choices: [{ message: { content: 'remote' } }] });
    expect(second.status).toBe(502);
    expect(recorded.requests).toHaveLength(2);
    expect(rejected.status).toBe(400);
    expect((await control('reset', {})).status).toBe(204);
    expect(fake.requests).toHaveLength(0);
  });
});
