import { FakeOpenAiServer, startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';

const facts = (...list: string[]) => JSON.stringify({ facts: list });
const decisions = (...memory: Record<string, string>[]) => JSON.stringify({ memory });

// The LLM path: the extractor talks to an OpenAI-compatible server (a fake one) through the openai SDK.
describe('memory pipeline with an LLM', () => {
  let mnemo: MnemoStack;
  let llm: FakeOpenAiServer;

  beforeAll(async () => {
    llm = await FakeOpenAiServer.start({ apiKey: 'sk-e2e' });
    mnemo = await startMnemo({
      services: ['gateway', 'extractor', 'embedder', 'vector-store'],
      env: {
        OPENAI_API_KEY: 'sk-e2e',
        OPENAI_BASE_URL: llm.baseURL,
        MNEMO_LLM_PROVIDER: 'openai',
        MNEMO_EMBEDDER_PROVIDER: 'local',
        MNEMO_LLM_TIMEOUT_MS: '1500',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
    await llm?.stop();
  });

  beforeEach(() => llm.reset());

  const add = (userId: string, content: string) =>
    http(mnemo.baseUrl, 'POST', '/memories', {
      messages: [{ role: 'user', content }],
      user_id: userId,
    });
  const memoriesOf = async (userId: string) =>
    (
      (await http(mnemo.baseUrl, 'GET', `/memories?user_id=${userId}`)).body.results as {
        id: string;
        memory: string;
      }[]
    )
      .map((m) => m.memory)
      .sort();
  const chatRequests = () => llm.requests.filter((r) => r.path.endsWith('/chat/completions'));

  it('adds, then updates a changed fact, with the UPDATE in history', async () => {
    llm.scriptChat(facts('Lives in Hangzhou'));
    const first = await add('llm-mover', 'I live in Hangzhou');
    expect(first.body.results).toEqual([
      { id: expect.any(String), memory: 'Lives in Hangzhou', event: 'ADD' },
    ]);
    const firstCall = chatRequests()[0].body as {
      response_format: unknown;
      messages: { content: string }[];
    };
    expect(firstCall.response_format).toEqual({ type: 'json_object' });
    expect(firstCall.messages.at(-1)?.content).toContain('user: I live in Hangzhou');

    llm.scriptChat(
      facts('Lives in Shanghai'),
      decisions({
        id: '0',
        text: 'Lives in Shanghai',
        event: 'UPDATE',
        old_memory: 'Lives in Hangzhou',
      }),
    );
    const second = await add('llm-mover', 'I moved to Shanghai');
    const id = first.body.results[0].id as string;
    expect(second.body.results).toEqual([
      { id, memory: 'Lives in Shanghai', event: 'UPDATE', previous_memory: 'Lives in Hangzhou' },
    ]);
    const decisionCall = JSON.stringify(
      chatRequests().find((request) => JSON.stringify(request.body).includes('Current memories'))?.body,
    );
    expect(decisionCall).toContain('\\"id\\":\\"0\\"');
    expect(decisionCall).not.toContain(id);
    expect(await memoriesOf('llm-mover')).toEqual(['Lives in Shanghai']);
    const history = await http(mnemo.baseUrl, 'GET', `/memories/${id}/history`);
    expect(history.body.map((h: { event: string }) => h.event)).toEqual(['ADD', 'UPDATE']);
  });

  it('deletes a contradicted memory and keeps the new fact; NONE changes nothing', async () => {
    llm.scriptChat(facts('Has a cat'));
    await add('llm-pets', 'I have a cat');
    llm.scriptChat(facts('Has a cat'), decisions({ id: '0', text: 'Has a cat', event: 'NONE' }));
    expect((await add('llm-pets', 'I have a cat, as I said')).body.results).toEqual([]);
    llm.scriptChat(
      facts('No longer has a cat'),
      decisions({ id: '0', text: 'Has a cat', event: 'DELETE' }),
    );
    const answer = await add(
      'llm-pets',
      'My cat went to live with my sister, I no longer have one',
    );
    expect(
      answer.body.results.map((r: { event: string; memory: string }) => [r.event, r.memory]),
    ).toEqual([
      ['DELETE', 'Has a cat'],
      ['ADD', 'No longer has a cat'],
    ]);
    expect(await memoriesOf('llm-pets')).toEqual(['No longer has a cat']);
  });

  it('falls back safely on malformed LLM output', async () => {
    llm.scriptChat(facts('Plays the violin'));
    await add('llm-faults', 'I play the violin');
    llm.scriptChat(facts('Plays the cello'), 'this is { not json');
    expect((await add('llm-faults', 'I also play the cello')).body.results).toMatchObject([
      { event: 'ADD', memory: 'Plays the cello' },
    ]);
    llm.scriptChat(
      facts('Plays the piano'),
      decisions(
        { id: '7', text: 'Plays the piano', event: 'UPDATE', old_memory: 'x' },
        { id: '00000000-0000-0000-0000-000000000000', text: 'y', event: 'DELETE' },
      ),
    );
    expect((await add('llm-faults', 'And the piano')).body.results).toMatchObject([
      { event: 'ADD', memory: 'Plays the piano' },
    ]);
    llm.scriptChat('');
    expect((await add('llm-faults', 'Something')).body.results).toEqual([]);
    expect(await memoriesOf('llm-faults')).toEqual([
      'Plays the cello',
      'Plays the piano',
      'Plays the violin',
    ]);
  });

  it('retries a timed-out LLM call and then succeeds', async () => {
    llm.scriptChat({ delayMs: 4000, content: facts('Too late') }, facts('Speaks Japanese'));
    const answer = await add('llm-slow', 'I speak Japanese');
    expect(answer.status).toBe(200);
    expect(answer.body.results).toMatchObject([{ event: 'ADD', memory: 'Speaks Japanese' }]);
  }, 60_000);

  it('answers 502 with the provider code when the LLM rejects the key', async () => {
    llm.scriptChat({
      status: 401,
      body: {
        error: { message: 'bad key', type: 'invalid_request_error', code: 'invalid_api_key' },
      },
    });
    const answer = await add('llm-denied', 'I like tea');
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ code: 'provider_auth_failed', detail: expect.any(String) });
  }, 60_000);
});
