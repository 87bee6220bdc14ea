import { startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';

const adminKey = 'oss-admin-key';

describe('open-source REST routes', () => {
  let mnemo: MnemoStack;
  const call = (method: string, path: string, body?: unknown, key: string | null = adminKey) =>
    http(mnemo.baseUrl, method, path, body, key ? { 'x-api-key': key } : {});
  const addVerbatim = async (
    userId: string,
    content: string,
    extra: Record<string, unknown> = {},
  ) => {
    const answer = await call('POST', '/memories', {
      messages: [{ role: 'user', content }],
      user_id: userId,
      infer: false,
      ...extra,
    });
    expect(answer.status).toBe(200);
    return answer.body.results[0].id as string;
  };

  beforeAll(async () => {
    mnemo = await startMnemo({
      services: ['gateway', 'embedder', 'vector-store'],
      env: { MNEMO_ADMIN_API_KEY: adminKey },
    });
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
  });

  it('requires X-API-Key when an admin key is configured', async () => {
    expect(await call('GET', '/memories?user_id=u', undefined, null)).toMatchObject({
      status: 401,
      body: { detail: 'X-API-Key header is required.' },
    });
    expect(await call('GET', '/memories?user_id=u', undefined, 'wrong')).toMatchObject({
      status: 401,
      body: { detail: 'Invalid API key.' },
    });
  });

  it('updates a memory (text, metadata, expiration) and records the UPDATE', async () => {
    const id = await addVerbatim('editor', 'Likes green tea');
    const updated = await call('PUT', `/memories/${id}`, {
      text: 'Likes jasmine tea',
      metadata: { mood: 'calm' },
    });
    expect(updated).toMatchObject({
      status: 200,
      body: { message: 'Memory updated successfully!' },
    });
    const fetched = await call('GET', `/memories/${id}`);
    expect(fetched.body).toMatchObject({ memory: 'Likes jasmine tea', metadata: { mood: 'calm' } });
    const history = await call('GET', `/memories/${id}/history`);
    expect(history.body.map((h: { event: string }) => h.event)).toEqual(['ADD', 'UPDATE']);
    expect(history.body[1]).toMatchObject({
      old_memory: 'Likes green tea',
      new_memory: 'Likes jasmine tea',
    });
    expect(await call('PUT', `/memories/${id}`, {})).toMatchObject({ status: 400 });
    expect(
      await call('PUT', '/memories/00000000-0000-0000-0000-000000000000', { text: 'x' }),
    ).toMatchObject({
      status: 404,
      body: { detail: 'Memory not found' },
    });
    expect((await call('PUT', `/memories/${id}`, { expiration_date: 'tomorrow' })).status).toBe(
      422,
    );
  });

  it('hides expired memories unless show_expired is set', async () => {
    await addVerbatim('expiry', 'Old coupon code SAVE10', { expiration_date: '2020-01-01' });
    await addVerbatim('expiry', 'Current coupon code SAVE20');
    const visible = await call('GET', '/memories?user_id=expiry');
    expect(visible.body.results.map((m: { memory: string }) => m.memory)).toEqual([
      'Current coupon code SAVE20',
    ]);
    const all = await call('GET', '/memories?user_id=expiry&show_expired=true');
    expect(all.body.results).toHaveLength(2);
    const search = await call('POST', '/search', {
      query: 'coupon code',
      filters: { user_id: 'expiry' },
      show_expired: true,
    });
    expect(search.body.results).toHaveLength(2);
    const searchVisible = await call('POST', '/search', {
      query: 'coupon code',
      filters: { user_id: 'expiry' },
    });
    expect(searchVisible.body.results).toHaveLength(1);
  });

  it('filters search with AND / OR / NOT and metadata operators', async () => {
    await addVerbatim('filters', 'Enjoys hiking in the Alps', {
      metadata: { topic: 'travel', year: 2023 },
    });
    await addVerbatim('filters', 'Enjoys hiking near Hangzhou', {
      metadata: { topic: 'travel', year: 2025 },
    });
    await addVerbatim('filters', 'Enjoys hiking podcasts', {
      metadata: { topic: 'media', year: 2025 },
    });
    const search = (filters: unknown) =>
      call('POST', '/search', { query: 'hiking', filters, threshold: 0 }).then((r) =>
        (r.body.results as { memory: string }[]).map((m) => m.memory).sort(),
      );
    expect(
      await search({ AND: [{ user_id: 'filters' }, { metadata: { topic: 'travel' } }] }),
    ).toEqual(['Enjoys hiking in the Alps', 'Enjoys hiking near Hangzhou']);
    expect(await search({ user_id: 'filters', year: { gte: 2025 } })).toEqual([
      'Enjoys hiking near Hangzhou',
      'Enjoys hiking podcasts',
    ]);
    expect(await search({ AND: [{ user_id: 'filters' }, { NOT: [{ topic: 'travel' }] }] })).toEqual(
      ['Enjoys hiking podcasts'],
    );
    expect(await search({ user_id: 'filters', OR: [{ topic: 'media' }, { year: 2023 }] })).toEqual([
      'Enjoys hiking in the Alps',
      'Enjoys hiking podcasts',
    ]);
    const badOperator = await call('POST', '/search', {
      query: 'hiking',
      filters: { user_id: 'filters', year: { regex: '2.*' } },
    });
    expect(badOperator.status).toBe(400);
    expect(badOperator.body.detail).toContain('regex');
  });

  it('deletes one memory, then all of a user, then an entity', async () => {
    const id = await addVerbatim('deleter', 'Owns a red bicycle');
    await addVerbatim('deleter', 'Owns a blue kayak');
    expect(await call('DELETE', `/memories/${id}`)).toMatchObject({
      status: 200,
      body: { message: 'Memory deleted successfully' },
    });
    expect((await call('GET', `/memories/${id}`)).status).toBe(404);
    const history = await call('GET', `/memories/${id}/history`);
    expect(history.body.at(-1)).toMatchObject({
      event: 'DELETE',
      is_deleted: true,
      new_memory: null,
    });
    expect(await call('DELETE', `/memories/${id}`)).toMatchObject({ status: 404 });
    expect(await call('DELETE', '/memories')).toMatchObject({
      status: 400,
      body: { detail: 'At least one identifier (user_id, agent_id, run_id) is required.' },
    });
    expect(await call('DELETE', '/memories?user_id=deleter')).toMatchObject({
      status: 200,
      body: { message: 'All relevant memories deleted' },
    });
    expect((await call('GET', '/memories?user_id=deleter')).body.results).toEqual([]);
  });

  it('lists entities with counts and deletes one', async () => {
    await addVerbatim('entity-user', 'Speaks French');
    await addVerbatim('entity-user', 'Speaks Italian');
    const entities = await call('GET', '/entities');
    expect(entities.body).toContainEqual({
      id: 'entity-user',
      type: 'user',
      total_memories: 2,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(await call('DELETE', '/entities/user/entity-user')).toMatchObject({
      status: 200,
      body: { message: 'Entity deleted' },
    });
    expect((await call('GET', '/memories?user_id=entity-user')).body.results).toEqual([]);
    expect((await call('DELETE', '/entities/planet/earth')).status).toBe(422);
  });

  it('lists everything for the admin without ids, and resets', async () => {
    await addVerbatim('resetter', 'Has a cat named Mochi');
    const everything = await call('GET', '/memories');
    expect(everything.body.results.length).toBeGreaterThan(0);
    expect(everything.body.results[0]).toHaveProperty('hash');
    expect(await call('POST', '/reset')).toMatchObject({
      status: 200,
      body: { message: 'All memories reset' },
    });
    expect((await call('GET', '/memories')).body.results).toEqual([]);
  });

  it('does not redirect trailing slashes and answers unknown routes with 404 JSON', async () => {
    const unknown = await call('GET', '/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toHaveProperty('detail');
  });
});
