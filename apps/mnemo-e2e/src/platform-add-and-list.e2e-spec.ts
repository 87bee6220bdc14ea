import { eventually } from '@mnemo/testing';
import { iso, queuedMessage as queued } from './support/platform-expectations';
import { platformMemorySuite } from './support/platform-memory-suite';

type Json = Record<string, unknown>;

describe('Platform memory routes: add and list', () => {
  const platform = platformMemorySuite();
  const { call, texts, addVerbatim, remember } = platform;

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
      expect(url.origin).toBe(platform.mnemo.baseUrl);
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
