import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from '@mnemo/devstack';
import {
  eventually,
  FakeOpenAiServer,
  startMnemo,
  type FakeChatRequest,
  type MnemoStack,
} from '@mnemo/testing';
import { http } from './http';

const adminKey = 'add-pipeline-admin-key';
const dims = 32;
const facts = (...list: [string, string[]][]) =>
  JSON.stringify({ facts: list.map(([fact, categories]) => ({ fact, categories })) });
const decisions = (...memory: Record<string, string>[]) => JSON.stringify({ memory });

// Every vector leans the same way, so each stored memory is "related" to each new fact.
function leaning(text: string): number[] {
  const bits = createHash('sha256').update(text).digest();
  return Array.from({ length: dims }, (_, i) => (i === 0 ? 4 : bits[i] & 1 ? 0.5 : -0.5));
}

function contentOf(request: FakeChatRequest): string {
  return request.messages.map((message) => JSON.stringify(message.content)).join('\n');
}

// The LLM and the embeddings both come from the fake server; the embedder's cache is off, so every
// text the fake embeds was sent by a service that had no vector for it.
describe('add pipeline: model calls and embeddings per add', () => {
  let mnemo: MnemoStack;
  let llm: FakeOpenAiServer;
  let metricsPort: number;

  beforeAll(async () => {
    llm = await FakeOpenAiServer.start({ apiKey: 'sk-e2e' });
    mnemo = await startMnemo({
      services: ['gateway', 'extractor', 'embedder', 'vector-store'],
      env: {
        OPENAI_API_KEY: 'sk-e2e',
        OPENAI_BASE_URL: llm.baseURL,
        MNEMO_LLM_PROVIDER: 'openai',
        MNEMO_EMBEDDER_PROVIDER: 'openai',
        MNEMO_EMBEDDING_DIMS: String(dims),
        MNEMO_EMBED_CACHE_SIZE: '0',
        MNEMO_ADMIN_API_KEY: adminKey,
      },
      instances: { extractor: 0 },
    });
    metricsPort = await freePort();
    await mnemo.start('extractor', { env: { MNEMO_METRICS_PORT: String(metricsPort) } });
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
    await llm?.stop();
  });

  beforeEach(() => {
    llm.reset();
    llm.embedWith(leaning);
  });

  const oss = { 'x-api-key': adminKey };
  const add = (userId: string, content: string) =>
    http(
      mnemo.baseUrl,
      'POST',
      '/memories',
      { messages: [{ role: 'user', content }], user_id: userId },
      oss,
    );
  const memoriesOf = async (userId: string) =>
    (
      (await http(mnemo.baseUrl, 'GET', `/memories?user_id=${userId}`, undefined, oss)).body
        .results as {
        memory: string;
      }[]
    )
      .map((m) => m.memory)
      .sort();
  const chatCalls = () => llm.requests.filter((r) => r.path.endsWith('/chat/completions'));
  const embeddingRequests = () => llm.requests.filter((r) => r.path.endsWith('/embeddings'));
  const embeddedTexts = () =>
    embeddingRequests()
      .flatMap((r) => (r.body as { input: string | string[] }).input)
      .sort();

  it('makes one chat call and one embedding request for an add into an empty scope', async () => {
    llm.scriptChat(
      facts(['Lives in Hangzhou', ['personal_details']], ['Likes Sichuan food', ['food']]),
    );
    const answer = await add('calls-empty', 'I live in Hangzhou and I love Sichuan food');
    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([
      { id: expect.any(String), memory: 'Lives in Hangzhou', event: 'ADD' },
      { id: expect.any(String), memory: 'Likes Sichuan food', event: 'ADD' },
    ]);
    expect(chatCalls()).toHaveLength(1);
    expect(embeddingRequests()).toHaveLength(1);
    expect(embeddedTexts()).toEqual(['Likes Sichuan food', 'Lives in Hangzhou']);
    const stored = await http(
      mnemo.baseUrl,
      'GET',
      `/v1/memories/${answer.body.results[1].id}/`,
      undefined,
      { authorization: `Token ${adminKey}` },
    );
    expect(stored.body.categories).toEqual(['food']);
  });

  it('makes two chat calls into a scope with related memories and embeds the fact once', async () => {
    llm.scriptChat(facts(['Lives in Hangzhou', ['personal_details']]));
    const first = await add('calls-related', 'I live in Hangzhou');
    llm.reset();
    llm.embedWith(leaning);
    llm.scriptChat(
      facts(['Lives in Shanghai', ['personal_details']]),
      decisions({ id: '0', text: 'Lives in Shanghai', event: 'UPDATE', old_memory: 'x' }),
    );
    const second = await add('calls-related', 'I moved to Shanghai');
    expect(second.body.results).toEqual([
      {
        id: first.body.results[0].id,
        memory: 'Lives in Shanghai',
        event: 'UPDATE',
        previous_memory: 'Lives in Hangzhou',
      },
    ]);
    expect(chatCalls()).toHaveLength(2);
    expect(JSON.stringify(chatCalls()[1]?.body)).toContain('Current memories');
    expect(embeddedTexts()).toEqual(['Lives in Shanghai']);
    expect(await memoriesOf('calls-related')).toEqual(['Lives in Shanghai']);
  });

  it('embeds a text the update call merged once, when it is written', async () => {
    llm.scriptChat(facts(['Has a cat', ['pets']]));
    await add('calls-merged', 'I have a cat');
    llm.reset();
    llm.embedWith(leaning);
    llm.scriptChat(
      facts(['Cat is named Tom', ['pets']]),
      decisions({ id: '0', text: 'Has a cat named Tom', event: 'UPDATE', old_memory: 'Has a cat' }),
    );
    await add('calls-merged', 'My cat is called Tom');
    expect(chatCalls()).toHaveLength(2);
    expect(embeddedTexts()).toEqual(['Cat is named Tom', 'Has a cat named Tom']);
    expect(await memoriesOf('calls-merged')).toEqual(['Has a cat named Tom']);
  });

  it('reports LLM calls per add, their latency and tokens, embedding batches and its load', async () => {
    // One sample of a metric: its name, then labels in any order (prom-client adds its defaults).
    const metric = async (name: string, label = '') => {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(label));
      return Number(line?.split(' ').at(-1) ?? NaN);
    };
    const read = async () => ({
      adds: await metric('mnemo_extract_llm_calls_per_add_count'),
      calls: await metric('mnemo_extract_llm_calls_per_add_sum'),
      timed: await metric('mnemo_llm_call_seconds_count', 'outcome="ok"'),
      promptTokens: await metric('mnemo_llm_tokens_total', 'kind="prompt"'),
      batches: await metric('mnemo_extract_embed_batch_texts_sum'),
    });
    llm.scriptChat(facts(['Plays chess', ['hobbies']]));
    await add('calls-metrics', 'I play chess');
    const before = await read();
    llm.scriptChat(
      facts(['Plays chess on Sundays', ['hobbies']]),
      decisions({ id: '0', text: 'Plays chess on Sundays', event: 'UPDATE' }),
    );
    await add('calls-metrics', 'I play chess on Sundays');
    const after = await read();
    expect(after.adds - before.adds).toBe(1);
    expect(after.calls - before.calls).toBe(2);
    expect(after.timed - before.timed).toBe(2);
    expect(after.promptTokens).toBeGreaterThan(before.promptTokens);
    expect(after.batches - before.batches).toBe(1);
    expect(await metric('mnemo_extract_in_flight')).toBe(0);
    await eventually(async () =>
      expect(await metric('mnemo_extract_jetstream_pending', 'state="ack_pending"')).toBe(0),
    );
  });

  describe('under concurrency', () => {
    const platformAdd = (userId: string, content: string) =>
      http(
        mnemo.baseUrl,
        'POST',
        '/v3/memories/add/',
        { messages: [{ role: 'user', content }], user_id: userId },
        { authorization: `Token ${adminKey}` },
      );
    const isExtraction = (request: FakeChatRequest) =>
      contentOf(request).includes('Tag every fact');

    it("applies one scope's adds in the order they were sent", async () => {
      const log: string[] = [];
      llm.onChat(async (request) => {
        const user = JSON.stringify(request.messages.at(-1)?.content ?? '');
        if (!isExtraction(request)) {
          const fact = /Lives in (Hangzhou|Shanghai)/.exec(
            user.split('New facts').at(-1) ?? '',
          )?.[0];
          return decisions({ id: '0', text: fact ?? '', event: 'UPDATE' });
        }
        const where = /Hangzhou|Shanghai/.exec(user)?.[0] ?? '';
        log.push(`start ${where}`);
        // Held a while, so that a later add of the scope would show up here if it did not wait.
        if (where === 'Hangzhou') await delay(1500);
        log.push(`end ${where}`);
        return facts([`Lives in ${where}`, ['personal_details']]);
      });
      const first = await platformAdd('order-user', 'I live in Hangzhou');
      const second = await platformAdd('order-user', 'I moved to Shanghai');
      expect([first.status, second.status]).toEqual([200, 200]);
      await eventually(
        async () => expect(await memoriesOf('order-user')).toEqual(['Lives in Shanghai']),
        {
          timeoutMs: 20_000,
        },
      );
      expect(log).toEqual(['start Hangzhou', 'end Hangzhou', 'start Shanghai', 'end Shanghai']);
    }, 30_000);

    it("runs different scopes' adds at the same time", async () => {
      const users = Array.from({ length: 6 }, (_, index) => `wide-user-${index}`);
      let inFlight = 0;
      let most = 0;
      let open: () => void = () => undefined;
      const allArrived = new Promise<void>((resolve) => (open = resolve));
      llm.onChat(async (request) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        if (inFlight === users.length) open();
        // Every extraction waits for the others; a serial extractor would never fill the gate.
        await Promise.race([allArrived, delay(15_000, undefined, { ref: false })]);
        inFlight -= 1;
        const who = /wide-user-\d/.exec(JSON.stringify(request.messages))?.[0] ?? 'nobody';
        return facts([`Is known as ${who}`, ['personal_details']]);
      });
      const answers = await Promise.all(
        users.map((user) => platformAdd(user, `Call me ${user}, please`)),
      );
      expect(answers.map((answer) => answer.status)).toEqual(users.map(() => 200));
      for (const user of users) {
        await eventually(
          async () => expect(await memoriesOf(user)).toEqual([`Is known as ${user}`]),
          {
            timeoutMs: 25_000,
          },
        );
      }
      expect(most).toBe(users.length);
    }, 40_000);
  });
});
