import { eventually } from '@mnemo/testing';
import { http } from './http';
import { iso, unknownId, uuid } from './support/platform-expectations';
import { mem0ClientSuite } from './support/mem0-client-suite';

type Json = Record<string, any>;

const slow = { timeoutMs: 20_000, intervalMs: 100 };

// Exports and profiles are built in the background: tests poll for them.
jest.setTimeout(30_000);

describe('Platform exports, summary and profiles', () => {
  // No webhook deliveries here.
  const platform = mem0ClientSuite([
    'gateway',
    'extractor',
    'embedder',
    'vector-store',
    'structured-data',
  ]);
  const { call, remember, rememberAsAdmin } = platform;
  const exportWhenReady = (body: Json, key = platform.adminKey) =>
    eventually(
      async () => {
        const answer = await call('POST', '/v1/exports/get/', body, key);
        expect(answer.status).toBe(200);
        expect(answer.body.status).not.toBe('PENDING');
        return answer.body as Json;
      },
      { timeoutMs: 20_000 },
    );

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
      await rememberAsAdmin('exporter', 'Likes sushi', 'Works as a nurse', 'Enjoys hiking');
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
      const { other } = platform;
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
      const { other } = platform;
      await rememberAsAdmin(
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

  describe('profiles', () => {
    const settingsPath = '/v2/profiles/settings/';

    it('reads and changes profile settings; flat settings are refused', async () => {
      const { other } = platform;
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
      await rememberAsAdmin('profiled', 'Likes sushi', 'Hates cilantro');
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
      const { other } = platform;
      await rememberAsAdmin('job-user', 'Lives in Hangzhou');
      const request = { operation: 'trigger', entity_type: 'user', entity_id: 'job-user' };
      const key = { authorization: `Token ${platform.adminKey}`, 'idempotency-key': 'job-key-1' };
      const post = (body: unknown) =>
        http(platform.mnemo.baseUrl, 'POST', '/v2/profiles/jobs/', body, key);
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
  });

  describe('through the mem0ai MemoryClient', () => {
    it('creates an export in the background and reads it by id and by filters', async () => {
      const { client } = platform;
      await remember('exporter', 'Likes sushi', 'Works as a nurse');
      const schema = {
        type: 'object',
        properties: {
          facts: { type: 'array', items: { type: 'string' } },
          count: { type: 'integer' },
        },
        required: ['facts', 'count'],
      };
      const filters = { AND: [{ user_id: 'exporter' }] };
      const created = await client.createMemoryExport({ schema, filters });
      expect(created).toEqual({ message: expect.stringContaining('export'), id: uuid });
      const exported = await eventually(async () => {
        const answer = (await client.getMemoryExport({ memoryExportId: created.id })) as Json;
        expect(answer.status).not.toBe('PENDING');
        return answer;
      }, slow);
      expect(exported.count).toBe(2);
      expect([...(exported.facts as string[])].sort()).toEqual(['Likes sushi', 'Works as a nurse']);
      expect(await client.getMemoryExport({ filters })).toEqual(exported);
    });

    it('reads and changes the profile settings', async () => {
      const { client } = platform;
      const settings = await client.getProfileSettings();
      expect(settings).toMatchObject({
        enabled: true,
        entities: { user: { schema: null, customInstructions: null } },
      });
      const schema = {
        type: 'object',
        properties: { home_city: { type: 'string', description: 'Where the user lives' } },
      };
      const updated = await client.updateProfileSettings({
        customInstructions: 'Keep it short.',
        schema,
      });
      expect(updated.entities?.user).toEqual({ schema, customInstructions: 'Keep it short.' });
      expect((await client.getProfileSettings()).entities?.user?.schema).toEqual(schema);
      expect(await client.updateProfileSettings({ schema: null })).toMatchObject({
        entities: { user: { schema: null, customInstructions: 'Keep it short.' } },
      });
    });

    it('generates a profile, follows its job and reads it; samples profiles', async () => {
      const { client } = platform;
      await remember('profiled', 'Plays the violin', 'Likes sushi');
      const job = await client.generateProfile({ entityId: 'profiled', idempotencyKey: 'gen-1' });
      expect(job).toMatchObject({
        jobId: uuid,
        operation: 'trigger',
        entityType: 'user',
        statusUrl: `/v2/profiles/jobs/${job.jobId}/`,
        replayed: false,
      });
      expect(
        await client.generateProfile({ entityId: 'profiled', idempotencyKey: 'gen-1' }),
      ).toMatchObject({ jobId: job.jobId, replayed: true });
      const done = await eventually(async () => {
        const status = await client.getProfileJob(job.statusUrl);
        expect(status.job.status).toBe('succeeded');
        return status.job;
      }, slow);
      expect(done).toMatchObject({
        id: job.jobId,
        total: 1,
        completed: 1,
        succeeded: 1,
        failed: 0,
      });
      expect((await client.getProfileJob(job.jobId)).job.id).toBe(job.jobId);
      const profile = await client.getProfile({ entityId: 'profiled' });
      expect(profile).toMatchObject({
        status: 'succeeded',
        entityType: 'user',
        entityId: 'profiled',
        generationCount: 1,
        updatedAt: iso,
      });
      expect(JSON.stringify(profile.profile)).toContain('Plays the violin');
      // The client's project holds two users by now: exporter and profiled.
      const sample = await client.sampleProfiles({ limit: 2 });
      expect(sample).toMatchObject({ operation: 'sample', sampled: true, entityCountReserved: 2 });
      expect(sample.entityIds).toHaveLength(2);
    });
  });
});
