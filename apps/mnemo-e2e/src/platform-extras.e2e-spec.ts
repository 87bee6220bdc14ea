import { eventually, FakeOpenAiServer, startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';

const adminKey = 'platform-extras-admin-key';
const defaultProject = 'default';
const unknownId = '00000000-0000-4000-8000-000000000000';
const iso = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);
const uuid = expect.stringMatching(
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
);

interface Project {
  org_id: string;
  project_id: string;
  api_key: string;
}

type Json = Record<string, unknown>;

// Exports and profiles are built in the background: tests poll for them.
jest.setTimeout(30_000);

describe('Platform webhooks, exports, summary, feedback and profiles', () => {
  let mnemo: MnemoStack;
  let other: Project;

  const call = (method: string, path: string, body?: unknown, key = adminKey) =>
    http(mnemo.baseUrl, method, path, body, { authorization: `Token ${key}` });
  /** Seeds the admin key's project through the open-source route, as stored text. */
  const remember = async (userId: string, ...contents: string[]): Promise<string[]> => {
    const ids: string[] = [];
    for (const content of contents) {
      const answer = await http(
        mnemo.baseUrl,
        'POST',
        '/memories',
        { messages: [{ role: 'user', content }], user_id: userId, infer: false },
        { 'x-api-key': adminKey },
      );
      expect(answer.status).toBe(200);
      ids.push(answer.body.results[0].id as string);
    }
    return ids;
  };
  const rememberIn = async (project: Project, userId: string, content: string) => {
    const body = { messages: [{ role: 'user', content }], user_id: userId, infer: false };
    const answer = await call('POST', '/v3/memories/add/', body, project.api_key);
    expect(answer.status).toBe(200);
    return answer.body.results[0].id as string;
  };
  const exportWhenReady = (body: Json, key = adminKey) =>
    eventually(
      async () => {
        const answer = await call('POST', '/v1/exports/get/', body, key);
        expect(answer.status).toBe(200);
        expect(answer.body.status).not.toBe('PENDING');
        return answer.body as Json;
      },
      { timeoutMs: 20_000 },
    );

  beforeAll(async () => {
    mnemo = await startMnemo({
      env: {
        MNEMO_ADMIN_API_KEY: adminKey,
        MNEMO_JOB_SWEEP_MS: '500',
        MNEMO_WEBHOOK_ALLOW_PRIVATE: 'true',
      },
    });
    const created = await call('POST', '/api/v1/admin/projects/', { name: 'extras-b' });
    expect(created.status).toBe(201);
    other = created.body as Project;
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
  });

  describe('webhooks', () => {
    const hooks = `/api/v1/webhooks/projects/${defaultProject}/`;

    it('creates a webhook (secret shown once), lists, updates and deletes it', async () => {
      const created = await call('POST', hooks, {
        name: 'orders',
        url: 'https://hooks.example.com/mem0',
        event_types: ['memory_add', 'memory_delete'],
      });
      expect(created).toMatchObject({ status: 201 });
      expect(created.body).toEqual({
        webhook_id: uuid,
        name: 'orders',
        url: 'https://hooks.example.com/mem0',
        event_types: ['memory_add', 'memory_delete'],
        owner: expect.any(String),
        is_active: true,
        project: defaultProject,
        created_at: iso,
        updated_at: iso,
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      });
      const id = created.body.webhook_id as string;
      const listed = await call('GET', hooks);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual([withoutSecret(created.body as Json)]);
      expect(
        await call('PUT', `/api/v1/webhooks/${id}/`, { is_active: false, name: 'renamed' }),
      ).toMatchObject({ status: 200, body: { message: 'Webhook updated successfully' } });
      expect((await call('GET', hooks)).body).toEqual([
        expect.objectContaining({ webhook_id: id, name: 'renamed', is_active: false }),
      ]);
      expect(await call('DELETE', `/api/v1/webhooks/${id}/`)).toMatchObject({
        status: 200,
        body: { message: 'Webhook deleted successfully' },
      });
      expect((await call('GET', hooks)).body).toEqual([]);
      expect(await call('DELETE', `/api/v1/webhooks/${id}/`)).toMatchObject({
        status: 404,
        body: { detail: 'Webhook not found' },
      });
    });

    it('answers field errors the way the Platform serializers do', async () => {
      expect(await call('POST', hooks, {})).toEqual(
        expect.objectContaining({
          status: 400,
          body: {
            name: ['This field is required.'],
            url: ['This field is required.'],
            event_types: ['This field is required.'],
            detail:
              'name: This field is required.; url: This field is required.; event_types: This field is required.',
          },
        }),
      );
      const bad = await call('POST', hooks, {
        name: 'x',
        url: 'not-a-url',
        event_types: ['memory_add', 'memory_search'],
      });
      expect(bad).toMatchObject({
        status: 400,
        body: {
          url: ['Enter a valid URL.'],
          event_types: ['"memory_search" is not a valid choice.'],
        },
      });
      expect(await call('PUT', `/api/v1/webhooks/${unknownId}/`, { url: 'ftp://x' })).toMatchObject(
        { status: 400, body: { url: ['Enter a valid URL.'] } },
      );
    });

    it("keeps each project's webhooks to itself", async () => {
      const theirs = await call(
        'POST',
        `/api/v1/webhooks/projects/${other.project_id}/`,
        { name: 'b-hook', url: 'http://127.0.0.1:9/in', event_types: ['memory_update'] },
        other.api_key,
      );
      expect(theirs.status).toBe(201);
      const id = theirs.body.webhook_id as string;
      const denied = { status: 403, body: { detail: "You don't have access to this project" } };
      expect(await call('GET', `/api/v1/webhooks/projects/${other.project_id}/`)).toMatchObject(
        denied,
      );
      expect(
        await call('POST', `/api/v1/webhooks/projects/${other.project_id}/`, {
          name: 'x',
          url: 'https://x.io',
          event_types: ['memory_add'],
        }),
      ).toMatchObject(denied);
      const notFound = { status: 404, body: { detail: 'Webhook not found' } };
      expect(await call('PUT', `/api/v1/webhooks/${id}/`, { name: 'stolen' })).toMatchObject(
        notFound,
      );
      expect(await call('DELETE', `/api/v1/webhooks/${id}/`)).toMatchObject(notFound);
      const theirList = await call(
        'GET',
        `/api/v1/webhooks/projects/${other.project_id}/`,
        undefined,
        other.api_key,
      );
      expect(theirList.body).toEqual([expect.objectContaining({ webhook_id: id, name: 'b-hook' })]);
    });

    it('serves the mem0ai TypeScript client', async () => {
      const { MemoryClient, WebhookEvent } = await import('mem0ai');
      const client = new MemoryClient({ apiKey: other.api_key, host: mnemo.baseUrl });
      const created = (await client.createWebhook({
        name: 'ts-hook',
        url: 'https://ts.example.com/hook',
        eventTypes: [WebhookEvent.MEMORY_ADDED],
      })) as unknown as Json;
      expect(created).toMatchObject({ name: 'ts-hook', eventTypes: ['memory_add'] });
      const webhookId = created.webhookId as string;
      await client.updateWebhook({ webhookId, name: 'ts-hook-2' });
      const listed = (await client.getWebhooks()) as unknown as Json[];
      expect(listed.map((hook) => hook.name).sort()).toEqual(['b-hook', 'ts-hook-2']);
      await client.deleteWebhook({ webhookId });
      expect(((await client.getWebhooks()) as unknown as Json[]).map((h) => h.name)).toEqual([
        'b-hook',
      ]);
    });
  });

  describe('exports', () => {
    const filters = { AND: [{ user_id: 'exporter' }] };
    const schema = {
      type: 'object',
      properties: {
        user_id: { type: 'string' },
        preferences: { type: 'array', items: { type: 'string' } },
        memories: {
          type: 'array',
          items: {
            type: 'object',
            properties: { id: { type: 'string' }, text: { type: 'string' } },
            required: ['id', 'text'],
          },
        },
        count: { type: 'integer' },
      },
      required: ['user_id', 'preferences', 'memories', 'count'],
    };

    beforeAll(async () => {
      await remember('exporter', 'Likes sushi', 'Works as a nurse', 'Enjoys hiking');
    });

    it('builds an export in the background, shaped by the JSON Schema', async () => {
      const created = await call('POST', '/v1/exports/', { schema, filters });
      expect(created).toMatchObject({
        status: 201,
        body: {
          message: 'Memory export request received. The export will be ready in a few seconds.',
          id: uuid,
        },
      });
      const result = await exportWhenReady({ memory_export_id: created.body.id });
      expect(result).toMatchObject({ user_id: 'exporter', count: 3 });
      expect([...(result.preferences as string[])].sort()).toEqual([
        'Enjoys hiking',
        'Likes sushi',
      ]);
      expect((result.memories as Json[]).map((m) => m.text).sort()).toEqual([
        'Enjoys hiking',
        'Likes sushi',
        'Works as a nurse',
      ]);
      expect((result.memories as Json[]).every((m) => typeof m.id === 'string')).toBe(true);
    });

    it('finds the latest export for the same filters, and takes the schema as a JSON string', async () => {
      const textsOnly = {
        type: 'object',
        properties: { facts: { type: 'array', items: { type: 'string' } } },
      };
      const created = await call('POST', '/v1/exports/', {
        schema: JSON.stringify(textsOnly),
        filters: { AND: [{ user_id: 'exporter' }, { keywords: { icontains: 'nurse' } }] },
        export_instructions: 'Only work facts.',
      });
      expect(created.status).toBe(201);
      const latest = await exportWhenReady({
        filters: { AND: [{ user_id: 'exporter' }, { keywords: { icontains: 'nurse' } }] },
      });
      expect(latest).toEqual({ facts: ['Works as a nurse'] });
    });

    it('answers 404 for unknown exports and for another project, 400 for bad input', async () => {
      const notFound = { status: 404, body: { detail: 'No memory export request found' } };
      expect(await call('POST', '/v1/exports/get/', { memory_export_id: unknownId })).toMatchObject(
        notFound,
      );
      expect(
        await call('POST', '/v1/exports/get/', { filters: { user_id: 'nobody' } }),
      ).toMatchObject(notFound);
      const mine = await call('POST', '/v1/exports/', { schema, filters });
      expect(
        await call('POST', '/v1/exports/get/', { memory_export_id: mine.body.id }, other.api_key),
      ).toMatchObject(notFound);
      const badSchema = await call('POST', '/v1/exports/', { schema: { type: 'nope' }, filters });
      expect(badSchema.status).toBe(400);
      expect(badSchema.body.detail).toMatch(/^schema is not a valid JSON Schema: /);
      expect(await call('POST', '/v1/exports/', { schema: '[1]', filters })).toMatchObject({
        status: 400,
        body: { detail: 'schema: schema must be a JSON object or a JSON string of one' },
      });
      const badFilters = await call('POST', '/v1/exports/', { schema, filters: { planet: 'x' } });
      expect(badFilters.status).toBe(400);
      expect(badFilters.body.detail).toContain('Top-level key must be a logical operator');
    });
  });

  describe('summary', () => {
    it('summarises the scoped memories per topic, largest first', async () => {
      await remember(
        'summarised',
        'Has a daughter named Mia',
        'Daughter starts school in September',
        'Loves jazz',
        'Owns a red bicycle',
      );
      const answer = await call('POST', '/v1/summary/', { filters: { user_id: 'summarised' } });
      expect(answer).toMatchObject({ status: 200 });
      expect(answer.body).toEqual([
        {
          category: 'daughter',
          summary: 'Daughter starts school in September; Has a daughter named Mia.',
          memory_count: 2,
        },
        { category: 'preferences', summary: 'Loves jazz.', memory_count: 1 },
        { category: 'other', summary: 'Owns a red bicycle.', memory_count: 1 },
      ]);
      expect((await call('POST', '/v1/summary/', { filters: { user_id: 'nobody' } })).body).toEqual(
        [],
      );
      expect((await call('POST', '/v1/summary/', {}, other.api_key)).status).toBe(200);
    });
  });

  describe('feedback', () => {
    it('records feedback on a memory of the project only', async () => {
      const [id] = await remember('feedbacker', 'Prefers window seats');
      const given = await call('POST', '/v1/feedback/', {
        memory_id: id,
        feedback: 'negative',
        feedback_reason: 'outdated',
      });
      expect(given).toEqual(
        expect.objectContaining({
          status: 200,
          body: { id: uuid, feedback: 'NEGATIVE', feedback_reason: 'outdated' },
        }),
      );
      expect((await call('POST', '/v1/feedback/', { memory_id: id })).body).toEqual({
        id: uuid,
        feedback: null,
        feedback_reason: null,
      });
      const invalid = await call('POST', '/v1/feedback/', { memory_id: id, feedback: 'MEH' });
      expect(invalid).toMatchObject({
        status: 400,
        body: {
          detail: 'feedback: feedback must be one of POSITIVE, NEGATIVE, VERY_NEGATIVE or null',
        },
      });
      const notFound = { status: 404, body: { detail: 'Memory not found' } };
      expect(await call('POST', '/v1/feedback/', { memory_id: unknownId })).toMatchObject(notFound);
      expect(
        await call('POST', '/v1/feedback/', { memory_id: id, feedback: 'POSITIVE' }, other.api_key),
      ).toMatchObject(notFound);
    });
  });

  describe('profiles', () => {
    const settingsPath = '/v2/profiles/settings/';

    it('reads and changes profile settings; flat settings are refused', async () => {
      expect((await call('GET', settingsPath, undefined, other.api_key)).body).toEqual({
        enabled: true,
        entities: { user: { schema: null, custom_instructions: null } },
        capabilities: expect.objectContaining({ entity_types: ['user'], llm: false }),
      });
      expect(
        await call('POST', settingsPath, { schema: { type: 'object' } }, other.api_key),
      ).toMatchObject({ status: 400, body: { detail: 'Unsupported settings: schema' } });
      const updated = await call(
        'POST',
        settingsPath,
        { entities: { user: { custom_instructions: 'Keep it short.' } } },
        other.api_key,
      );
      expect(updated.body.entities.user).toEqual({
        schema: null,
        custom_instructions: 'Keep it short.',
      });
      expect((await call('GET', settingsPath)).body.entities.user.custom_instructions).toBeNull();
    });

    it('builds a profile on first read and reports insufficient data for unknown users', async () => {
      await remember('profiled', 'Likes sushi', 'Hates cilantro');
      const first = await call('GET', '/v2/entities/user/profiled/profile/');
      expect(first.body).toMatchObject({
        status: 'pending',
        entity_type: 'user',
        entity_id: 'profiled',
      });
      const ready = await eventually(async () => {
        const answer = await call('GET', '/v2/entities/user/profiled/profile/');
        expect(answer.body.status).toBe('succeeded');
        return answer.body as Json;
      });
      expect(ready).toEqual({
        profile: { dislikes: ['Hates cilantro'], preferences: ['Likes sushi'] },
        status: 'succeeded',
        entity_type: 'user',
        entity_id: 'profiled',
        updated_at: iso,
        generation_count: 1,
      });
      expect((await call('GET', '/v2/entities/user/ghost/profile/')).body).toEqual({
        profile: {},
        status: 'insufficient_data',
        entity_type: 'user',
        entity_id: 'ghost',
        updated_at: null,
        generation_count: 0,
      });
    });

    it('queues jobs idempotently and reports their progress, per project', async () => {
      await remember('job-user', 'Lives in Hangzhou');
      const request = { operation: 'trigger', entity_type: 'user', entity_id: 'job-user' };
      const key = { authorization: `Token ${adminKey}`, 'idempotency-key': 'job-key-1' };
      const post = (body: unknown) => http(mnemo.baseUrl, 'POST', '/v2/profiles/jobs/', body, key);
      const queued = await post(request);
      expect(queued).toMatchObject({
        status: 202,
        body: {
          job_id: uuid,
          status: expect.stringMatching(/^(pending|running|succeeded)$/),
          operation: 'trigger',
          entity_type: 'user',
          entity_count_reserved: 1,
          event_id: uuid,
          replayed: false,
        },
      });
      const jobId = queued.body.job_id as string;
      expect(queued.body.status_url).toBe(`/v2/profiles/jobs/${jobId}/`);
      expect((await post(request)).body).toMatchObject({ job_id: jobId, replayed: true });
      expect(await post({ ...request, entity_id: 'someone-else' })).toMatchObject({ status: 409 });
      const done = await eventually(async () => {
        const answer = await call('GET', `/v2/profiles/jobs/${jobId}/`);
        expect(answer.body.job.status).toBe('succeeded');
        return answer.body.job as Json;
      });
      expect(done).toMatchObject({ id: jobId, total: 1, completed: 1, succeeded: 1, failed: 0 });
      expect(
        await call('GET', `/v2/profiles/jobs/${jobId}/`, undefined, other.api_key),
      ).toMatchObject({ status: 404 });
      const sample = await call('POST', '/v2/profiles/jobs/', {
        operation: 'sample',
        entity_type: 'user',
        limit: 2,
      });
      expect(sample.body).toMatchObject({ sampled: true, entity_count_reserved: 2 });
      expect(sample.body.entity_ids).toHaveLength(2);
      expect((await call('POST', '/v2/profiles/jobs/', { operation: 'wipe' })).status).toBe(400);
    });

    it('serves the mem0ai TypeScript client', async () => {
      await rememberIn(other, 'ts-user', 'Plays the violin');
      const { MemoryClient } = await import('mem0ai');
      const client = new MemoryClient({ apiKey: other.api_key, host: mnemo.baseUrl });
      const job = (await client.generateProfile({ entityId: 'ts-user' })) as unknown as Json;
      expect(job).toMatchObject({ operation: 'trigger', replayed: false });
      const profile = await eventually(async () => {
        const answer = (await client.getProfile({ entityId: 'ts-user' })) as unknown as Json;
        expect(answer.status).toBe('succeeded');
        return answer;
      });
      expect(profile).toMatchObject({ entityId: 'ts-user', generationCount: 1 });
      expect(JSON.stringify(profile.profile)).toContain('Plays the violin');
    });
  });
});

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

function withoutSecret(webhook: Json): Json {
  const copy = { ...webhook };
  delete copy.secret;
  return copy;
}
