import { iso, unknownId } from './support/platform-expectations';
import { platformMemorySuite } from './support/platform-memory-suite';

type Json = Record<string, unknown>;
type Events = { event: string }[];

describe('Platform memory routes: search, get, update and delete', () => {
  const platform = platformMemorySuite();
  const { call, texts, addVerbatim, remember } = platform;

  it('searches v3 with scores and their breakdown', async () => {
    await remember('searcher', 'Loves Sichuan hotpot', 'Drives a red car');
    const found = await call('POST', '/v3/memories/search/', {
      query: 'hotpot',
      filters: { OR: [{ user_id: 'searcher' }] },
      top_k: 1,
      threshold: 0,
      rerank: true,
      output_format: 'v1.1',
    });
    expect(found.body).toEqual({
      results: [
        {
          id: expect.any(String),
          memory: 'Loves Sichuan hotpot',
          user_id: 'searcher',
          agent_id: null,
          app_id: null,
          run_id: null,
          score: expect.any(Number),
          score_breakdown: { semantic: expect.any(Number), bm25: expect.any(Number), entity: 0 },
          metadata: null,
          categories: expect.any(Array),
          expiration_date: null,
          created_at: iso,
          updated_at: iso,
        },
      ],
    });
    const narrow = await call('POST', '/v3/memories/search', {
      query: 'car',
      filters: { user_id: 'searcher' },
      fields: ['score'],
      threshold: 0,
    });
    expect(Object.keys(narrow.body.results[0]).sort()).toEqual(['id', 'score']);
  });

  it('rejects v3 searches with a missing query, bad options or unscoped filters', async () => {
    const search = (body: Json) => call('POST', '/v3/memories/search/', body);
    const scoped = { filters: { user_id: 'searcher' } };
    expect(await search(scoped)).toMatchObject({
      status: 400,
      body: { detail: 'query: query is required' },
    });
    expect(await search({ ...scoped, query: '   ' })).toMatchObject({
      status: 400,
      body: { detail: 'query: query must not be empty' },
    });
    expect((await search({ query: 'x' })).body.detail).toContain('filters is required');
    expect((await search({ query: 'x', filters: { NOT: { user_id: 'a' } } })).status).toBe(400);
    expect((await search({ query: 'x', user_id: 'searcher', ...scoped })).status).toBe(400);
    expect((await search({ ...scoped, query: 'x', top_k: 0 })).body.detail).toMatch(/^top_k:/);
    expect((await search({ ...scoped, query: 'x', threshold: 1.5 })).body.detail).toMatch(
      /^threshold:/,
    );
  });

  it('serves the legacy v1 and v2 searches in their shapes', async () => {
    const v2 = await call('POST', '/v2/memories/search/', {
      query: 'hotpot',
      filters: { user_id: 'searcher' },
      version: 'v2',
      threshold: 0,
    });
    expect(Array.isArray(v2.body)).toBe(true);
    expect(v2.body[0]).toMatchObject({
      memory: 'Loves Sichuan hotpot',
      session_id: null,
      score: expect.any(Number),
    });
    const v2Results = await call('POST', '/v2/memories/search/', {
      query: 'hotpot',
      filters: { user_id: 'searcher' },
      output_format: 'v1.1',
    });
    expect(v2Results.body.results[0].memory).toBe('Loves Sichuan hotpot');
    const v1 = await call('POST', '/v1/memories/search/', {
      query: 'hotpot',
      user_id: 'searcher',
      org_id: 'o',
    });
    expect(v1.body[0]).toMatchObject({
      memory: 'Loves Sichuan hotpot',
      run_id: null,
      score: expect.any(Number),
    });
    const v11 = await call('POST', '/v1/memories/search', {
      query: 'hotpot',
      user_id: 'searcher',
      output_format: 'v1.1',
    });
    expect(v11.body).toMatchObject({
      results: [{ memory: 'Loves Sichuan hotpot' }],
      relations: [],
    });
    expect(await call('POST', '/v1/memories/search/', { query: 'hotpot' })).toMatchObject({
      status: 400,
      body: {
        detail: 'At least one of the filters: agent_id, user_id, app_id, run_id is required!',
      },
    });
  });

  it('gets, updates and deletes one memory, with its history', async () => {
    const [id] = await addVerbatim({
      messages: 'Likes green tea',
      user_id: 'item',
      app_id: 'kitchen',
    });
    const got = await call('GET', `/v1/memories/${id}/?org_id=o&project_id=p`);
    expect(got.body).toEqual({
      id,
      memory: 'Likes green tea',
      user_id: 'item',
      agent_id: null,
      app_id: 'kitchen',
      session_id: null,
      metadata: null,
      categories: expect.any(Array),
      structured_attributes: expect.any(Object),
      replaced_by: null,
      synthesized: false,
      expiration_date: null,
      created_at: iso,
      updated_at: iso,
      lifecycle_state: 'active',
    });
    const updated = await call('PUT', `/v1/memories/${id}/`, {
      text: 'Likes jasmine tea',
      metadata: { mood: 'calm' },
      expiration_date: '2999-12-31',
    });
    expect(updated.body).toMatchObject({
      id,
      memory: 'Likes jasmine tea',
      metadata: { mood: 'calm' },
      expiration_date: '2999-12-31',
    });
    const cleared = await call('PUT', `/v1/memories/${id}`, { expiration_date: null });
    expect(cleared.body).toMatchObject({ memory: 'Likes jasmine tea', expiration_date: null });
    expect((await call('PUT', `/v1/memories/${id}/`, {})).status).toBe(400);
    const history = await call('GET', `/v1/memories/${id}/history/`);
    expect((history.body as Events).map((entry) => entry.event)).toEqual([
      'ADD',
      'UPDATE',
      'UPDATE',
    ]);
    expect(history.body[1]).toEqual({
      id: expect.any(String),
      memory_id: id,
      input: [],
      old_memory: 'Likes green tea',
      new_memory: 'Likes jasmine tea',
      user_id: 'item',
      agent_id: null,
      app_id: 'kitchen',
      session_id: null,
      categories: expect.any(Array),
      event: 'UPDATE',
      metadata: { mood: 'calm' },
      created_at: iso,
      updated_at: iso,
    });
    expect(await call('DELETE', `/v1/memories/${id}/?delete_linked=true`)).toMatchObject({
      status: 200,
      body: { message: 'Memory deleted successfully!', cascade_count: 0 },
    });
    expect(await call('GET', `/v1/memories/${id}/`)).toMatchObject({
      status: 404,
      body: { detail: 'Memory not found!' },
    });
    const afterDelete = await call('GET', `/v1/memories/${id}/history/`);
    expect((afterDelete.body as Events).at(-1)?.event).toBe('DELETE');
    expect(await call('DELETE', `/v1/memories/${id}`)).toMatchObject({
      status: 404,
      body: { detail: 'Memory not found!' },
    });
  });

  it('answers 400 to a malformed id and 404 to an unknown or foreign one', async () => {
    const bad = { status: 400, body: { detail: 'memory_id should be a valid UUID' } };
    const missing = { status: 404, body: { detail: 'Memory not found!' } };
    expect(await call('GET', '/v1/memories/not-a-uuid/')).toMatchObject(bad);
    expect(await call('PUT', '/v1/memories/not-a-uuid/', { text: 'x' })).toMatchObject(bad);
    expect(await call('DELETE', '/v1/memories/not-a-uuid/')).toMatchObject(bad);
    expect(await call('GET', '/v1/memories/not-a-uuid/history/')).toMatchObject(bad);
    expect(await call('GET', `/v1/memories/${unknownId}/`)).toMatchObject(missing);
    expect(await call('PUT', `/v1/memories/${unknownId}/`, { text: 'x' })).toMatchObject(missing);
    expect(await call('GET', `/v1/memories/${unknownId}/history/`)).toMatchObject(missing);
    const [foreign] = await addVerbatim(
      { messages: 'Secret of project B', user_id: 'isolated' },
      platform.other.api_key,
    );
    expect(await call('GET', `/v1/memories/${foreign}/`)).toMatchObject(missing);
    expect(await call('DELETE', `/v1/memories/${foreign}/`)).toMatchObject(missing);
    const search = await call('POST', '/v3/memories/search/', {
      query: 'secret',
      filters: { user_id: 'isolated' },
      threshold: 0,
    });
    expect(search.body.results).toEqual([]);
    expect(
      (await call('GET', `/v1/memories/${foreign}/`, undefined, platform.other.api_key)).status,
    ).toBe(200);
  });

  it('deletes all memories of an entity, "*" meaning every one of a type', async () => {
    await remember('wipe-1', 'Alpha fact');
    await remember('wipe-2', 'Beta fact');
    await addVerbatim({ messages: 'Agent fact', agent_id: 'wipe-agent' });
    await addVerbatim({ messages: 'Books flights', agent_id: 'travel-bot' });
    expect(await call('DELETE', '/v1/memories/?org_id=o')).toMatchObject({
      status: 400,
      body: {
        detail:
          'At least one of user_id, agent_id, app_id or run_id is required ("*" means all of that type).',
      },
    });
    expect(
      await call('DELETE', '/v1/memories/?user_id=wipe-1&org_id=o&project_id=p'),
    ).toMatchObject({
      status: 200,
      body: { message: 'Memories deleted successfully!' },
    });
    expect((await call('GET', '/v1/memories/?user_id=wipe-1')).body).toEqual([]);
    expect(texts(await call('GET', '/v1/memories/?user_id=wipe-2'))).toEqual(['Beta fact']);
    expect((await call('DELETE', '/v1/memories?agent_id=*')).status).toBe(200);
    expect((await call('GET', '/v1/memories/?agent_id=wipe-agent')).body).toEqual([]);
    expect((await call('GET', '/v1/memories/?agent_id=travel-bot')).body).toEqual([]);
  });

  it('updates and deletes in batches, rejecting more than 1000', async () => {
    const ids = await remember('batch', 'Batch one', 'Batch two', 'Batch three');
    const updated = await call('PUT', '/v1/batch/', {
      memories: [
        { memory_id: ids[0], text: 'Batch one, edited' },
        { memory_id: ids[1], metadata: { tag: 'x' } },
        { memory_id: unknownId, text: 'nobody' },
      ],
    });
    expect(updated).toMatchObject({
      status: 200,
      body: { message: 'Successfully updated 2 memories' },
    });
    expect((await call('GET', `/v1/memories/${ids[0]}/`)).body.memory).toBe('Batch one, edited');
    const tooMany = Array.from({ length: 1001 }, () => ({ memory_id: unknownId, text: 'x' }));
    expect(await call('PUT', '/v1/batch', { memories: tooMany })).toMatchObject({
      status: 400,
      body: { detail: 'Maximum of 1000 memories can be updated in a single request' },
    });
    expect(
      (await call('PUT', '/v1/batch/', { memories: [{ memory_id: 'nope', text: 'x' }] })).status,
    ).toBe(400);
    const deleted = await call('DELETE', '/v1/batch/', {
      memories: [{ memory_id: ids[0] }, ids[1]],
    });
    expect(deleted).toMatchObject({
      status: 200,
      body: { message: 'Successfully deleted 2 memories' },
    });
    expect(texts(await call('GET', '/v1/memories/?user_id=batch'))).toEqual(['Batch three']);
    expect(await call('DELETE', '/v1/batch/', { memories: tooMany })).toMatchObject({
      status: 400,
      body: { detail: 'Maximum of 1000 memories can be deleted in a single request' },
    });
  });

  it('lists entities with totals, pages them, and deletes them by name', async () => {
    const entities = await call('GET', '/v1/entities/', undefined, platform.other.api_key);
    expect(entities.body).toEqual({
      count: 1,
      next: null,
      previous: null,
      results: [
        {
          id: 'isolated',
          name: 'isolated',
          type: 'user',
          created_at: iso,
          updated_at: iso,
          owner: `${platform.other.project_id}@mnemo.local`,
          metadata: {},
          total_memories: 1,
        },
      ],
      total_users: 1,
      total_agents: 0,
      total_apps: 0,
      total_runs: 0,
    });
    await addVerbatim(
      { messages: 'Run fact', run_id: 'run-9', agent_id: 'agent-9' },
      platform.other.api_key,
    );
    const first = await call(
      'GET',
      '/v1/entities/?page=1&page_size=2',
      undefined,
      platform.other.api_key,
    );
    expect(first.body).toMatchObject({
      count: 3,
      previous: null,
      total_users: 1,
      total_agents: 1,
      total_runs: 1,
    });
    const second = await call(
      'GET',
      new URL(first.body.next).pathname + new URL(first.body.next).search,
      undefined,
      platform.other.api_key,
    );
    expect(second.body).toMatchObject({ count: 3, next: null, results: [{}] });
    expect(
      await call('DELETE', '/v2/entities/planet/earth/', undefined, platform.other.api_key),
    ).toMatchObject({
      status: 400,
      body: { detail: 'Invalid entity type' },
    });
    expect(
      await call('DELETE', '/v2/entities/user/isolated/', undefined, platform.other.api_key),
    ).toMatchObject({
      status: 200,
      body: { message: 'Entity deleted successfully.' },
    });
    expect(
      await call('DELETE', '/v1/entities/run/run-9', undefined, platform.other.api_key),
    ).toMatchObject({
      status: 200,
      body: { message: 'Entity deleted successfully.' },
    });
    expect(
      (await call('GET', '/v1/entities', undefined, platform.other.api_key)).body,
    ).toMatchObject({
      count: 0,
      results: [],
    });
  });
});
