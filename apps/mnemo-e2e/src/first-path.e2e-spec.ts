import { connect } from '@nats-io/transport-node';
import { embedTextContract } from '@mnemo/contracts';
import { eventually, natsServers, startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';

describe('first memory path (infer: false) through the real services', () => {
  let mnemo: MnemoStack;

  beforeAll(async () => {
    mnemo = await startMnemo({ services: ['gateway', 'embedder', 'vector-store'] });
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
  });

  it('stores each message as its own memory, with history, and finds it by meaning', async () => {
    const added = await http(mnemo.baseUrl, 'POST', '/memories', {
      messages: [
        { role: 'user', content: 'I adore spicy Sichuan hotpot with lots of chili', name: 'alice' },
        { role: 'assistant', content: 'Noted, I will keep that in mind' },
        { role: 'system', content: 'system prompts are not memories' },
      ],
      user_id: 'alice',
      metadata: { source: 'e2e' },
      infer: false,
    });
    expect(added.status).toBe(200);
    expect(added.body.results).toHaveLength(2);
    expect(added.body.results[0]).toEqual({
      id: expect.any(String),
      memory: 'I adore spicy Sichuan hotpot with lots of chili',
      event: 'ADD',
      actor_id: 'alice',
      role: 'user',
    });
    expect(added.body.results[1]).toMatchObject({
      event: 'ADD',
      role: 'assistant',
      actor_id: null,
    });

    const id = added.body.results[0].id as string;
    const fetched = await http(mnemo.baseUrl, 'GET', `/memories/${id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual({
      id,
      memory: 'I adore spicy Sichuan hotpot with lots of chili',
      hash: expect.stringMatching(/^[0-9a-f]{32}$/),
      metadata: { source: 'e2e' },
      score: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      user_id: 'alice',
      actor_id: 'alice',
      role: 'user',
    });

    const history = await http(mnemo.baseUrl, 'GET', `/memories/${id}/history`);
    expect(history.body).toEqual([
      expect.objectContaining({
        memory_id: id,
        event: 'ADD',
        old_memory: null,
        new_memory: fetched.body.memory,
        is_deleted: false,
      }),
    ]);

    const found = await http(mnemo.baseUrl, 'POST', '/search', {
      query: 'what food does she like? chili hotpot',
      filters: { user_id: 'alice' },
    });
    expect(found.status).toBe(200);
    expect(found.body.results[0]).toMatchObject({
      id,
      memory: fetched.body.memory,
      user_id: 'alice',
    });
    expect(found.body.results[0].score).toBeGreaterThan(0.1);
  });

  it('keeps scopes apart in search', async () => {
    await http(mnemo.baseUrl, 'POST', '/memories', {
      messages: [{ role: 'user', content: 'Bob collects vintage fountain pens' }],
      user_id: 'bob',
      infer: false,
    });
    const found = await http(mnemo.baseUrl, 'POST', '/search', {
      query: 'fountain pens',
      user_id: 'alice',
    });
    expect(found.status).toBe(200);
    expect(found.body.results.map((r: { user_id: string }) => r.user_id)).not.toContain('bob');
  });

  it('answers bad input with Mem0-shaped 4xx errors', async () => {
    const noId = await http(mnemo.baseUrl, 'POST', '/memories', {
      messages: [{ role: 'user', content: 'x' }],
      infer: false,
    });
    expect(noId).toMatchObject({
      status: 400,
      body: { detail: 'At least one identifier (user_id, agent_id, run_id) is required.' },
    });
    const noMessages = await http(mnemo.baseUrl, 'POST', '/memories', { user_id: 'a' });
    expect(noMessages.status).toBe(422);
    expect(noMessages.body.detail[0]).toMatchObject({ loc: ['body', 'messages'] });
    const notJson = await http(mnemo.baseUrl, 'POST', '/memories', '{"messages": [', {
      'content-type': 'application/json',
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toHaveProperty('detail');
    const unknown = await http(
      mnemo.baseUrl,
      'GET',
      '/memories/00000000-0000-0000-0000-000000000000',
    );
    expect(unknown).toMatchObject({ status: 404, body: { detail: 'Memory not found' } });
    const emptyQuery = await http(mnemo.baseUrl, 'POST', '/search', {
      query: '  ',
      user_id: 'alice',
    });
    expect(emptyQuery).toMatchObject({ status: 400, body: { detail: 'query must not be empty' } });
    const noScope = await http(mnemo.baseUrl, 'POST', '/search', { query: 'pens' });
    expect(noScope.status).toBe(400);
  });

  it('answers search with a clear 503 within a second when the embedder is down, and recovers', async () => {
    await mnemo.kill('embedder');
    const started = Date.now();
    const down = await http(mnemo.baseUrl, 'POST', '/search', { query: 'pens', user_id: 'bob' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      code: 'unavailable',
      detail: expect.stringContaining('embedding.text.embed.v1'),
    });
    await mnemo.start('embedder');
    await eventually(
      async () => {
        const up = await http(mnemo.baseUrl, 'POST', '/search', {
          query: 'fountain pens',
          user_id: 'bob',
        });
        expect(up.status).toBe(200);
        expect(up.body.results[0].memory).toBe('Bob collects vintage fountain pens');
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
  }, 60_000);

  it('shares embedding work between two embedder instances (queue group)', async () => {
    await mnemo.start('embedder', { instanceId: 'embedder-second' });
    const nc = await connect({ servers: natsServers(mnemo.natsUrl) });
    try {
      const seen = new Set<string>();
      await eventually(
        async () => {
          for (let i = 0; i < 40; i++) {
            const reply = await nc.request(
              embedTextContract.subject,
              JSON.stringify({ texts: [`text number ${i}`], purpose: 'query' }),
              { timeout: 2000 },
            );
            const envelope = reply.json<{ ok: boolean; data: { instanceId: string } }>();
            expect(envelope.ok).toBe(true);
            seen.add(envelope.data.instanceId);
          }
          expect(seen.size).toBe(2);
        },
        { timeoutMs: 20_000, intervalMs: 200 },
      );
      expect(seen).toContain('embedder-second');
    } finally {
      await nc.close();
    }
  }, 60_000);
});
