import { createHash } from 'node:crypto';
import { eventually, startMnemo, type MnemoStack } from '@mnemo/testing';
import { http, type JsonResponse } from './http';

const adminKey = 'platform-memories-admin-key';
const unknownId = '00000000-0000-4000-8000-000000000000';
const iso = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);
const queued = 'Memory processing has been queued for background execution';

interface Project {
  org_id: string;
  project_id: string;
  api_key: string;
}

type Json = Record<string, unknown>;
type Listed = { memory: string }[] | { results: { memory: string }[] };
type Events = { event: string }[];

describe('Platform memory routes', () => {
  let mnemo: MnemoStack;
  let project: Project;
  let other: Project;

  /** What the Python client sends: `Token` auth and `Mem0-User-ID: md5(key)`. */
  const call = (
    method: string,
    path: string,
    body?: unknown,
    key: string | null = project.api_key,
  ) => http(mnemo.baseUrl, method, path, body, key ? clientHeaders(key) : {});
  const texts = (answer: JsonResponse<Listed>) =>
    (Array.isArray(answer.body) ? answer.body : answer.body.results).map((m) => m.memory).sort();
  const addVerbatim = async (body: Json, key = project.api_key): Promise<string[]> => {
    const answer = await call('POST', '/v3/memories/add/', { infer: false, ...body }, key);
    expect(answer).toMatchObject({ status: 200, body: { status: 'SUCCEEDED' } });
    return (answer.body.results as { id: string }[]).map((result) => result.id);
  };
  const remember = async (userId: string, ...contents: string[]) =>
    addVerbatim({
      user_id: userId,
      messages: contents.map((content) => ({ role: 'user', content })),
    });

  beforeAll(async () => {
    mnemo = await startMnemo({
      services: ['gateway', 'extractor', 'embedder', 'vector-store'],
      env: { MNEMO_ADMIN_API_KEY: adminKey },
    });
    project = await createProject('memories-a');
    other = await createProject('memories-b');
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
  });

  async function createProject(name: string): Promise<Project> {
    const answer = await call('POST', '/api/v1/admin/projects/', { name }, adminKey);
    expect(answer.status).toBe(201);
    return answer.body as Project;
  }

  it('rejects a missing or unknown API key with a detail', async () => {
    const invalid = { detail: 'Invalid API key. Please check your API key and try again.' };
    const body = { query: 'x', filters: { user_id: 'u' } };
    expect(await call('POST', '/v3/memories/search/', body, null)).toMatchObject({
      status: 401,
      body: invalid,
    });
    expect(await call('POST', '/v3/memories/search/', body, 'm0-wrong')).toMatchObject({
      status: 401,
      body: invalid,
    });
  });

  it('queues an add at once and the extracted memory shows up later', async () => {
    const answer = await call('POST', '/v3/memories/add/', {
      messages: [{ role: 'user', content: 'I live in Hangzhou' }],
      user_id: 'async-user',
      org_id: 'ignored-org',
      project_id: 'ignored-project',
      version: 'v2',
      enable_graph: false,
      source: 'SDK',
    });
    expect(answer).toEqual({
      status: 200,
      headers: expect.anything(),
      body: { event_id: expect.any(String), status: 'PENDING', message: queued },
    });
    const listed = await eventually(
      async () => {
        const list = await call('POST', '/v3/memories/', { filters: { user_id: 'async-user' } });
        expect(texts(list)).toEqual(['Lives in Hangzhou']);
        return list;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    expect(listed.body.results[0].user_id).toBe('async-user');
  });

  it('waits for infer:false and async_mode:false adds and answers the results', async () => {
    const answer = await call('POST', '/v3/memories/add/', {
      messages: 'Prefers window seats',
      filters: { user_id: 'sync-user' },
      infer: false,
      metadata: { source: 'chat' },
    });
    expect(answer.body).toEqual({
      status: 'SUCCEEDED',
      event_id: expect.any(String),
      message: 'Memory processing has been completed',
      results: [{ id: expect.any(String), data: { memory: 'Prefers window seats' }, event: 'ADD' }],
    });
    const waited = await call('POST', '/v3/memories/add', {
      messages: [{ role: 'user', content: 'I live in Lisbon' }],
      agent_id: 'travel-bot',
      async_mode: false,
    });
    expect(waited.body).toMatchObject({
      status: 'SUCCEEDED',
      results: [{ data: { memory: 'Lives in Lisbon' }, event: 'ADD' }],
    });
    const memory = await call('GET', `/v1/memories/${answer.body.results[0].id}/`);
    expect(memory.body).toMatchObject({ user_id: 'sync-user', metadata: { source: 'chat' } });
  });

  it('rejects adds without messages or without an entity id', async () => {
    const add = (body: Json) => call('POST', '/v3/memories/add/', body);
    const noMessages = await add({ user_id: 'u' });
    expect(noMessages).toMatchObject({
      status: 400,
      body: { detail: expect.stringContaining('messages is required') },
    });
    expect(await add({ user_id: 'u', messages: [] })).toMatchObject({
      status: 400,
      body: { detail: 'messages: messages must not be empty' },
    });
    expect(await add({ messages: [{ role: 'user', content: 'hi' }] })).toMatchObject({
      status: 400,
      body: {
        detail:
          'At least one of user_id, agent_id, app_id or run_id is required (at the top level or in filters).',
      },
    });
    expect((await add({ messages: 'hi', filters: { user_id: { in: ['a', 'b'] } } })).status).toBe(
      400,
    );
  });

  it('serves the legacy add in the v1.0 and v1.1 shapes', async () => {
    const asyncV10 = await call('POST', '/v1/memories/', {
      messages: [{ role: 'user', content: 'I live in Porto' }],
      user_id: 'legacy-add',
    });
    expect(asyncV10.body).toEqual([
      { message: queued, status: 'PENDING', event_id: expect.any(String) },
    ]);
    const syncV10 = await call('POST', '/v1/memories', {
      messages: [{ role: 'user', content: 'Owns a bicycle' }],
      user_id: 'legacy-add',
      infer: false,
    });
    expect(syncV10.body).toEqual([
      { id: expect.any(String), data: { memory: 'Owns a bicycle' }, event: 'ADD' },
    ]);
    const syncV11 = await call('POST', '/v1/memories/', {
      messages: [{ role: 'user', content: 'Owns a kayak' }],
      user_id: 'legacy-add',
      async_mode: false,
      infer: false,
      output_format: 'v1.1',
      version: 'v2',
    });
    expect(syncV11.body).toEqual({
      results: [{ id: expect.any(String), event: 'ADD', memory: 'Owns a kayak' }],
      relations: [],
    });
    const asyncV11 = await call('POST', '/v1/memories/', {
      messages: [{ role: 'user', content: 'Owns a canoe' }],
      user_id: 'legacy-add',
      output_format: 'v1.1',
    });
    expect(asyncV11.body).toEqual({
      results: [{ message: queued, status: 'PENDING', event_id: expect.any(String) }],
      relations: [],
    });
  });

  it('lists v3 pages whose next links are followed until null', async () => {
    await remember('pager', 'Fact one', 'Fact two', 'Fact three', 'Fact four', 'Fact five');
    const body = { filters: { AND: [{ user_id: 'pager' }] }, org_id: 'o', project_id: 'p' };
    const first = await call('POST', '/v3/memories/?page=1&page_size=2', body);
    expect(first.body).toMatchObject({ count: 5, previous: null, results: [{}, {}] });
    const seen: string[] = [...texts(first)];
    let next: string | null = first.body.next;
    let pages = 1;
    while (next) {
      const url = new URL(next);
      expect(url.origin).toBe(mnemo.baseUrl);
      const page = await call('POST', `${url.pathname}${url.search}`, body);
      expect(page.status).toBe(200);
      expect(page.body.previous).toEqual(expect.stringContaining('page_size=2'));
      seen.push(...texts(page));
      next = page.body.next;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(['Fact five', 'Fact four', 'Fact one', 'Fact three', 'Fact two']);
    const fromBody = await call('POST', '/v3/memories', { ...body, page: 3, page_size: 2 });
    expect(fromBody.body).toMatchObject({ count: 5, next: null, results: [{}] });
    const queryWins = await call('POST', '/v3/memories/?page_size=5', { ...body, page_size: 1 });
    expect(queryWins.body.results).toHaveLength(5);
  });

  it('answers v3 list items in the Platform shape and honours fields', async () => {
    const [id] = await addVerbatim({
      messages: 'Runs on Tuesdays',
      user_id: 'shape',
      run_id: 'session-1',
      metadata: { k: 1 },
      expiration_date: '2999-01-01',
    });
    const list = await call('POST', '/v3/memories/', { filters: { user_id: 'shape' } });
    expect(list.body).toEqual({
      count: 1,
      next: null,
      previous: null,
      results: [
        {
          id,
          memory: 'Runs on Tuesdays',
          user_id: 'shape',
          agent_id: null,
          app_id: null,
          session_id: 'session-1',
          metadata: { k: 1 },
          categories: expect.any(Array),
          structured_attributes: expect.objectContaining({
            year: expect.any(Number),
            day_of_week: expect.any(String),
          }),
          replaced_by: null,
          synthesized: false,
          expiration_date: '2999-01-01',
          created_at: iso,
          updated_at: iso,
        },
      ],
    });
    const narrow = await call('POST', '/v3/memories/', {
      filters: { user_id: 'shape' },
      fields: ['memory'],
    });
    expect(narrow.body.results).toEqual([{ id, memory: 'Runs on Tuesdays' }]);
  });

  it('rejects v3 lists without entity-scoped filters or with top-level ids', async () => {
    const list = (body: unknown) => call('POST', '/v3/memories/', body);
    expect(await list({})).toMatchObject({
      status: 400,
      body: { detail: expect.stringContaining('filters is required') },
    });
    expect(await list({ filters: { created_at: { gte: '2024-01-01' } } })).toMatchObject({
      status: 400,
      body: { detail: expect.stringContaining('at least one of user_id') },
    });
    expect(await list({ filters: { user_id: 'x' }, user_id: 'x' })).toMatchObject({
      status: 400,
      body: { detail: expect.stringContaining('Top-level entity parameters (user_id)') },
    });
    expect((await list({ filters: { user_id: 'x', colour: 'red' } })).body.detail).toContain(
      'Top-level key',
    );
    expect(
      (await call('POST', '/v3/memories/?page=0', { filters: { user_id: 'x' } })).body,
    ).toEqual({
      detail: 'page must be a positive integer',
    });
  });

  it('lists through the legacy GET /v1/memories/ and POST /v2/memories/', async () => {
    await remember('legacy-list', 'Plays chess', 'Plays go', 'Plays poker');
    const bare = await call('GET', '/v1/memories/?user_id=legacy-list&org_id=o&project_id=p');
    expect(bare.status).toBe(200);
    expect(texts(bare)).toEqual(['Plays chess', 'Plays go', 'Plays poker']);
    expect(bare.body[0]).toMatchObject({
      user_id: 'legacy-list',
      run_id: null,
      hash: expect.any(String),
    });
    const paged = await call('GET', '/v1/memories?user_id=legacy-list&page=2&page_size=2');
    expect(paged.body).toMatchObject({
      count: 3,
      next: null,
      previous: expect.stringContaining('page=1'),
    });
    expect(paged.body.results).toHaveLength(1);
    expect((await call('GET', '/v1/memories/?user_id=legacy-list&limit=1')).body).toHaveLength(1);
    expect(await call('GET', '/v1/memories/?org_id=o')).toMatchObject({
      status: 400,
      body: ['One of the filters: app_id, user_id, agent_id, run_id is required!'],
    });
    const v2 = await call('POST', '/v2/memories/', {
      filters: { user_id: 'legacy-list' },
      project_id: 'p',
    });
    expect(texts(v2)).toEqual(['Plays chess', 'Plays go', 'Plays poker']);
    const v2Paged = await call('POST', '/v2/memories/?page=1&page_size=2', {
      filters: { user_id: 'legacy-list' },
    });
    expect(v2Paged.body).toMatchObject({
      count: 3,
      previous: null,
      next: expect.stringContaining('page=2'),
    });
    expect((await call('POST', '/v2/memories/', {})).status).toBe(400);
  });

  it('narrows lists by categories, keywords, dates and query-string metadata', async () => {
    await remember('narrow', 'Likes green tea', 'Drives a red car');
    await addVerbatim({ messages: 'Tagged fact', user_id: 'narrow', metadata: { topic: 'x' } });
    const list = (extra: Json) =>
      call('POST', '/v3/memories/', { filters: { user_id: 'narrow' }, ...extra }).then(texts);
    expect(await list({ categories: ['food'] })).toEqual(['Likes green tea']);
    expect(await list({ keywords: 'RED' })).toEqual(['Drives a red car']);
    expect(await list({ start_date: '2999-01-01' })).toEqual([]);
    expect(await list({ end_date: new Date().toISOString().slice(0, 10) })).toHaveLength(3);
    const tagged = await call('GET', '/v1/memories/?user_id=narrow&metadata[topic]=x');
    expect(texts(tagged)).toEqual(['Tagged fact']);
    const json = await call(
      'GET',
      `/v1/memories/?user_id=narrow&metadata=${encodeURIComponent('{"topic":"x"}')}`,
    );
    expect(texts(json)).toEqual(['Tagged fact']);
    const badDate = await call('POST', '/v3/memories/', {
      filters: { user_id: 'narrow' },
      start_date: 'yesterday',
    });
    expect(badDate).toMatchObject({
      status: 400,
      body: {
        detail:
          'Value for field "start_date" must be a date (YYYY-MM-DD), an ISO datetime or epoch seconds (got "yesterday")',
      },
    });
  });

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
      other.api_key,
    );
    expect(await call('GET', `/v1/memories/${foreign}/`)).toMatchObject(missing);
    expect(await call('DELETE', `/v1/memories/${foreign}/`)).toMatchObject(missing);
    const search = await call('POST', '/v3/memories/search/', {
      query: 'secret',
      filters: { user_id: 'isolated' },
      threshold: 0,
    });
    expect(search.body.results).toEqual([]);
    expect((await call('GET', `/v1/memories/${foreign}/`, undefined, other.api_key)).status).toBe(
      200,
    );
  });

  it('deletes all memories of an entity, "*" meaning every one of a type', async () => {
    await remember('wipe-1', 'Alpha fact');
    await remember('wipe-2', 'Beta fact');
    await addVerbatim({ messages: 'Agent fact', agent_id: 'wipe-agent' });
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
    const entities = await call('GET', '/v1/entities/', undefined, other.api_key);
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
          owner: `${other.project_id}@mnemo.local`,
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
      other.api_key,
    );
    const first = await call('GET', '/v1/entities/?page=1&page_size=2', undefined, other.api_key);
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
      other.api_key,
    );
    expect(second.body).toMatchObject({ count: 3, next: null, results: [{}] });
    expect(
      await call('DELETE', '/v2/entities/planet/earth/', undefined, other.api_key),
    ).toMatchObject({
      status: 400,
      body: { detail: 'Invalid entity type' },
    });
    expect(
      await call('DELETE', '/v2/entities/user/isolated/', undefined, other.api_key),
    ).toMatchObject({
      status: 200,
      body: { message: 'Entity deleted successfully.' },
    });
    expect(await call('DELETE', '/v1/entities/run/run-9', undefined, other.api_key)).toMatchObject({
      status: 200,
      body: { message: 'Entity deleted successfully.' },
    });
    expect((await call('GET', '/v1/entities', undefined, other.api_key)).body).toMatchObject({
      count: 0,
      results: [],
    });
  });

  it('accepts the bodiless DELETE the TypeScript client sends with a JSON content type', async () => {
    const [id] = await remember('ts-delete', 'Temporary fact');
    const answer = await http(mnemo.baseUrl, 'DELETE', `/v1/memories/${id}/`, undefined, {
      ...clientHeaders(project.api_key),
      'content-type': 'application/json',
    });
    expect(answer).toMatchObject({
      status: 200,
      body: { message: 'Memory deleted successfully!' },
    });
  });

  it('serves the mem0ai TypeScript client end to end', async () => {
    const { MemoryClient } = await import('mem0ai');
    const client = new MemoryClient({ apiKey: project.api_key, host: mnemo.baseUrl });
    const added = await client.add([{ role: 'user', content: 'Collects vinyl records' }], {
      userId: 'ts-client',
      infer: false,
    });
    expect(added).toMatchObject({ status: 'SUCCEEDED', results: [{ event: 'ADD' }] });
    const all = await client.getAll({ filters: { user_id: 'ts-client' }, page: 1, pageSize: 10 });
    expect(all).toMatchObject({
      count: 1,
      results: [{ memory: 'Collects vinyl records', userId: 'ts-client' }],
    });
    const found = await client.search('vinyl', { filters: { user_id: 'ts-client' }, threshold: 0 });
    const id = (found as unknown as { results: { id: string; memory: string }[] }).results[0].id;
    expect(await client.update(id, { text: 'Collects jazz vinyl records' })).toMatchObject({
      memory: 'Collects jazz vinyl records',
    });
    expect((await client.history(id)).map((entry) => entry.event)).toEqual(['ADD', 'UPDATE']);
    const users = await client.users();
    expect(users.results.some((entity) => entity.name === 'ts-client')).toBe(true);
    expect(await client.delete(id)).toEqual({ message: 'Memory deleted successfully!' });
    expect(await client.deleteUsers({ userId: 'ts-client' })).toEqual({
      message: 'Entity deleted successfully.',
    });
  });

  it('never redirects, with or without the trailing slash', async () => {
    for (const path of [
      '/v3/memories/search',
      '/v3/memories/search/',
      '/v1/memories/?user_id=x',
      '/v1/memories?user_id=x',
    ]) {
      const method = path.includes('search') ? 'POST' : 'GET';
      const answer = await call(
        method,
        path,
        method === 'POST' ? { query: 'x', filters: { user_id: 'x' } } : undefined,
      );
      expect(answer.status).toBe(200);
    }
  });
});

function clientHeaders(key: string): Record<string, string> {
  return {
    authorization: `Token ${key}`,
    'mem0-user-id': createHash('md5').update(key).digest('hex'),
  };
}
