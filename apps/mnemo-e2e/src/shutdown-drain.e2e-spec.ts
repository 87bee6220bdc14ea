import { eventually, FakeOpenAiServer, startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';

const adminKey = 'shutdown-drain-admin-key';
// Long enough to send SIGTERM while the model is still thinking, well inside the 10 s grace.
const thinkingMs = 2500;
const facts = (...list: string[]) =>
  JSON.stringify({ facts: list.map((fact) => ({ fact, categories: ['hobbies'] })) });

/**
 * SIGTERM is a drain, not a crash: a service stops taking work, finishes what it started, and
 * exits 0. The work here waits on the (fake) model when the signal comes.
 */
describe('shutdown drain', () => {
  let mnemo: MnemoStack;
  let llm: FakeOpenAiServer;
  const platform = { authorization: `Token ${adminKey}` };
  const oss = { 'x-api-key': adminKey };
  const chatCalls = () => llm.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
  const thinking = () => eventually(() => expect(chatCalls()).toBe(1), { timeoutMs: 15_000 });
  const memoriesOf = async (userId: string) => {
    const listed = await http<{ memory: string }[]>(
      mnemo.baseUrl,
      'GET',
      `/v1/memories/?user_id=${userId}`,
      undefined,
      platform,
    );
    return listed.body.map((memory) => memory.memory);
  };
  const stoppedCleanly = (logs: string[]) => logs.some((line) => line.includes('"msg":"stopped"'));

  beforeAll(async () => {
    llm = await FakeOpenAiServer.start({ apiKey: 'sk-e2e' });
    mnemo = await startMnemo({
      services: ['gateway', 'extractor', 'embedder', 'vector-store'],
      env: { ...llm.llmEnv(), MNEMO_EMBEDDER_PROVIDER: 'local', MNEMO_ADMIN_API_KEY: adminKey },
    });
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
    await llm?.stop();
  }, 60_000);

  beforeEach(() => llm.reset());

  it('finishes the add job the extractor is running, records its outcome, then exits 0', async () => {
    llm.scriptChat({ delayMs: thinkingMs, content: facts('Keeps bees in Hangzhou') });
    const accepted = await http<{ status: string; event_id: string }>(
      mnemo.baseUrl,
      'POST',
      '/v3/memories/add/',
      { messages: [{ role: 'user', content: 'I keep bees in Hangzhou' }], user_id: 'drain-fay' },
      platform,
    );
    expect(accepted.body).toMatchObject({ status: 'PENDING' });
    await thinking();

    const extractor = mnemo.service('extractor');
    expect(await extractor.stop()).toEqual({ code: 0, signal: null });
    expect(stoppedCleanly(extractor.logs())).toBe(true);

    // No extractor runs now: the job was finished before the exit, not left for a redelivery.
    await eventually(
      async () => {
        const event = await http(
          mnemo.baseUrl,
          'GET',
          `/v1/event/${accepted.body.event_id}/`,
          undefined,
          platform,
        );
        expect(event.body).toMatchObject({ status: 'SUCCEEDED' });
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    expect(await memoriesOf('drain-fay')).toEqual(['Keeps bees in Hangzhou']);
    expect(chatCalls()).toBe(1);
    await mnemo.restart('extractor');
  }, 60_000);

  it('answers the synchronous add in flight on the gateway, then exits 0', async () => {
    llm.scriptChat({ delayMs: thinkingMs, content: facts('Plays the cello') });
    const answer = http<{ results: unknown[] }>(
      mnemo.baseUrl,
      'POST',
      '/memories',
      { messages: [{ role: 'user', content: 'I play the cello' }], user_id: 'drain-gus' },
      oss,
    );
    await thinking();

    const gateway = mnemo.service('gateway');
    const stopped = gateway.stop();
    const answered = await answer;
    expect(answered.status).toBe(200);
    expect(answered.body.results).toEqual([
      { id: expect.any(String), memory: 'Plays the cello', event: 'ADD' },
    ]);
    expect(await stopped).toEqual({ code: 0, signal: null });
    expect(stoppedCleanly(gateway.logs())).toBe(true);
  }, 60_000);
});
