import { eventually, FakeOpenAiServer, startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';

const adminKey = 'platform-llm-admin-key';

type Json = Record<string, unknown>;

// Exports and profiles are built in the background: tests poll for them.
jest.setTimeout(30_000);

// The LLM path: structured-data asks an OpenAI-compatible server (a fake one) in JSON mode.
describe('Platform exports, summary and profiles with an LLM', () => {
  let mnemo: MnemoStack;
  let llm: FakeOpenAiServer;

  const call = (method: string, path: string, body?: unknown) =>
    http(mnemo.baseUrl, method, path, body, { authorization: `Token ${adminKey}` });
  const chats = () =>
    llm.requests
      .filter((request) => request.path.endsWith('/chat/completions'))
      .map((request) => request.body as { response_format?: unknown; messages: Json[] });
  const exported = async (schema: Json, filters: Json) => {
    const created = await call('POST', '/v1/exports/', { schema, filters });
    expect(created.status).toBe(201);
    return eventually(async () => {
      const answer = await call('POST', '/v1/exports/get/', { memory_export_id: created.body.id });
      expect(answer.body.status).not.toBe('PENDING');
      return answer.body as Json;
    });
  };

  beforeAll(async () => {
    llm = await FakeOpenAiServer.start({ apiKey: 'sk-extras' });
    mnemo = await startMnemo({
      services: ['gateway', 'embedder', 'vector-store', 'structured-data'],
      env: {
        MNEMO_ADMIN_API_KEY: adminKey,
        OPENAI_API_KEY: 'sk-extras',
        OPENAI_BASE_URL: llm.baseURL,
        MNEMO_LLM_PROVIDER: 'openai',
        MNEMO_EMBEDDER_PROVIDER: 'local',
        MNEMO_LLM_TIMEOUT_MS: '3000',
      },
    });
    for (const content of ['Likes sushi', 'Works as a nurse']) {
      const answer = await http(
        mnemo.baseUrl,
        'POST',
        '/memories',
        { messages: [{ role: 'user', content }], user_id: 'llm-user', infer: false },
        { 'x-api-key': adminKey },
      );
      expect(answer.status).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
    await llm?.stop();
  });

  beforeEach(() => llm.reset());

  const schema = {
    type: 'object',
    properties: { work: { type: 'string' }, foods: { type: 'array', items: { type: 'string' } } },
    required: ['work', 'foods'],
    additionalProperties: false,
  };
  const filters = { AND: [{ user_id: 'llm-user' }] };

  it('fills the export schema with the LLM answer when it validates', async () => {
    llm.scriptChat(JSON.stringify({ data: { work: 'nurse', foods: ['sushi'] } }));
    expect(await exported(schema, filters)).toEqual({ work: 'nurse', foods: ['sushi'] });
    const [request] = chats();
    expect(request.response_format).toEqual({ type: 'json_object' });
    const prompt = String(request.messages.at(-1)?.content);
    expect(prompt).toContain(JSON.stringify(schema));
    expect(prompt).toContain('Works as a nurse');
  });

  it('falls back to the local mapping when the LLM answer does not fit the schema', async () => {
    llm.scriptChat(JSON.stringify({ data: { work: 42 } }));
    expect(await exported(schema, filters)).toEqual({ work: 'Works as a nurse', foods: [] });
  });

  it('lets the LLM write the summaries of the local groups', async () => {
    llm.scriptChat(JSON.stringify({ summaries: { preferences: 'Enjoys Japanese food.' } }));
    const answer = await call('POST', '/v1/summary/', { filters: { user_id: 'llm-user' } });
    expect(answer.body).toEqual([
      { category: 'preferences', summary: 'Enjoys Japanese food.', memory_count: 1 },
      { category: 'other', summary: 'Works as a nurse.', memory_count: 1 },
    ]);
  });

  it('builds profiles with the LLM', async () => {
    llm.scriptChat(JSON.stringify({ profile: { occupation: 'nurse', likes: ['sushi'] } }));
    expect((await call('GET', '/v2/entities/user/llm-user/profile/')).body.status).toBe('pending');
    const profile = await eventually(async () => {
      const answer = await call('GET', '/v2/entities/user/llm-user/profile/');
      expect(answer.body.status).toBe('succeeded');
      return answer.body as Json;
    });
    expect(profile.profile).toEqual({ occupation: 'nurse', likes: ['sushi'] });
    expect((await call('GET', '/v2/profiles/settings/')).body.capabilities).toMatchObject({
      llm: true,
    });
  });
});
