import { eventually } from '@mnemo/testing';
import type { MemoryClient } from 'mem0ai';
import { mem0ClientSuite, type AddAnswer, type Mem0 } from './support/mem0-client-suite';
import type { PlatformProject } from './support/platform-project';
import { iso, queuedMessage, unknownId, uuid } from './support/platform-expectations';

type Json = Record<string, any>;

const slow = { timeoutMs: 20_000, intervalMs: 100 };

// Async adds are processed in the background: a test polls for them.
jest.setTimeout(30_000);

describe('mem0ai MemoryClient: memories, entities and the project', () => {
  // Memories and entities only: no structured data, no webhook deliveries.
  const platform = mem0ClientSuite(['gateway', 'extractor', 'embedder', 'vector-store']);
  const { remember } = platform;
  let mem0: Mem0;
  let project: PlatformProject;
  let client: MemoryClient;

  const memoriesOf = async (userId: string): Promise<string[]> =>
    (await client.getAll({ filters: { user_id: userId } })).results.map((m) => m.memory!).sort();

  beforeAll(() => {
    ({ mem0, project, client } = platform);
  });

  it('pings with the key and learns the org, the project and the user email', async () => {
    await expect(client.ping()).resolves.toBeUndefined();
    expect(client.telemetryId).toBe(`${project.project_id}@mnemo.local`);
    const identity = await client.getProject({ fields: ['org_id', 'project_id'] });
    expect(identity).toEqual({ orgId: project.org_id, projectId: project.project_id });
  });

  it('raises the SDK error classes for a bad key and an unknown memory', async () => {
    // The client logs its failed background ping and its telemetry attempts: keep them quiet.
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const warned = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const stranger = new mem0.MemoryClient({
        apiKey: 'm0-not-a-key',
        host: platform.mnemo.baseUrl,
      });
      await expect(stranger.ping()).rejects.toBeInstanceOf(mem0.AuthenticationError);
      await expect(stranger.getAll({ filters: { user_id: 'x' } })).rejects.toBeInstanceOf(
        mem0.AuthenticationError,
      );
      await eventually(() => {
        expect(logged).toHaveBeenCalledWith('Failed to initialize client:', expect.anything());
        expect(warned).toHaveBeenCalledTimes(2);
      });
    } finally {
      logged.mockRestore();
      warned.mockRestore();
    }
    await expect(client.get(unknownId)).rejects.toBeInstanceOf(mem0.MemoryNotFoundError);
    await expect(client.getAll({ filters: {} })).rejects.toBeInstanceOf(mem0.ValidationError);
  });

  it('adds asynchronously: PENDING at once, then the event SUCCEEDS with the memory', async () => {
    const messages = [{ role: 'user' as const, content: 'I live in Hangzhou' }];
    const queued = (await client.add(messages, { userId: 'async-user' })) as unknown as AddAnswer;
    expect(queued).toEqual({ eventId: uuid, status: 'PENDING', message: queuedMessage });
    const event = await eventually(async () => {
      const answer = await platform.call(
        'GET',
        `/v1/event/${queued.eventId}/`,
        undefined,
        project.api_key,
      );
      expect(answer.body).toMatchObject({ id: queued.eventId, status: 'SUCCEEDED' });
      return answer.body as Json;
    }, slow);
    expect(event).toMatchObject({
      event_type: 'ADD',
      results: [{ id: uuid, event: 'ADD', memory: 'Lives in Hangzhou' }],
      latency: expect.any(Number),
      completed_at: iso,
    });
    const stored = await client.get(event.results[0].id as string);
    expect(stored).toMatchObject({ memory: 'Lives in Hangzhou', userId: 'async-user' });
  });

  it('adds synchronously with infer:false (verbatim) and async_mode:false (extracted)', async () => {
    const verbatim = (await client.add([{ role: 'user', content: 'Prefers window seats' }], {
      userId: 'sync-user',
      infer: false,
      metadata: { source: 'chat' },
    })) as unknown as AddAnswer;
    expect(verbatim).toEqual({
      status: 'SUCCEEDED',
      eventId: uuid,
      message: 'Memory processing has been completed',
      results: [{ id: uuid, event: 'ADD', data: { memory: 'Prefers window seats' } }],
    });
    const extracted = (await client.add([{ role: 'user', content: 'I live in Lisbon' }], {
      agentId: 'travel-bot',
      asyncMode: false,
    })) as unknown as AddAnswer;
    expect(extracted).toMatchObject({
      status: 'SUCCEEDED',
      results: [{ event: 'ADD', data: { memory: 'Lives in Lisbon' } }],
    });
    const stored = await client.get(verbatim.results![0].id);
    expect(stored).toMatchObject({ userId: 'sync-user', metadata: { source: 'chat' } });
    expect((await client.get(extracted.results![0].id)).agentId).toBe('travel-bot');
  });

  it('pages getAll: counts, distinct pages, next links and the last page', async () => {
    const ids = await remember(
      'pager',
      'Fact one',
      'Fact two',
      'Fact three',
      'Fact four',
      'Fact 5',
    );
    const page = (n: number) =>
      client.getAll({ filters: { AND: [{ user_id: 'pager' }] }, page: n, pageSize: 2 });
    const [first, second, third] = await Promise.all([page(1), page(2), page(3)]);
    expect(first).toMatchObject({
      count: 5,
      previous: null,
      next: expect.stringContaining('page=2'),
    });
    expect(second).toMatchObject({ count: 5, previous: expect.stringContaining('page=1') });
    expect(third).toMatchObject({ count: 5, next: null });
    expect([first, second, third].map((p) => p.results.length)).toEqual([2, 2, 1]);
    const seen = [first, second, third].flatMap((p) => p.results.map((m) => m.id));
    expect(new Set(seen).size).toBe(5);
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(first.results[0]).toMatchObject({ userId: 'pager', createdAt: iso, updatedAt: iso });
  });

  it('narrows getAll by metadata, categories, dates and OR/NOT filters', async () => {
    await remember('narrow', 'Likes green tea', 'Drives a red car');
    await client.add([{ role: 'user', content: 'Tagged fact' }], {
      userId: 'narrow',
      infer: false,
      metadata: { topic: 'x' },
    });
    const list = async (options: Json) =>
      (await client.getAll({ filters: { user_id: 'narrow' }, ...options })).results
        .map((m) => m.memory)
        .sort();
    expect(
      await list({ filters: { AND: [{ user_id: 'narrow' }, { metadata: { topic: 'x' } }] } }),
    ).toEqual(['Tagged fact']);
    expect(await list({ categories: ['food'] })).toEqual(['Likes green tea']);
    expect(await list({ startDate: '2999-01-01' })).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await list({ endDate: today })).toHaveLength(3);
    const either = await list({
      filters: { OR: [{ user_id: 'narrow' }, { user_id: 'pager' }] },
      pageSize: 50,
    });
    expect(either).toHaveLength(8);
    const without = await list({
      filters: { AND: [{ user_id: 'narrow' }, { NOT: { metadata: { topic: 'x' } } }] },
    });
    expect(without).toEqual(['Drives a red car', 'Likes green tea']);
  });

  it('searches within the filters, best match first, with scores', async () => {
    await remember('searcher', 'Loves Sichuan hotpot', 'Drives a red car');
    await remember('other-searcher', 'Loves hotpot too');
    const found = await client.search('hotpot', {
      filters: { user_id: 'searcher' },
      topK: 1,
      threshold: 0,
    });
    expect(found.results).toEqual([
      expect.objectContaining({
        id: uuid,
        memory: 'Loves Sichuan hotpot',
        userId: 'searcher',
        score: expect.any(Number),
      }),
    ]);
    const both = await client.search('hotpot', { filters: { user_id: 'searcher' }, threshold: 0 });
    expect(both.results.map((m) => m.memory)).toEqual(['Loves Sichuan hotpot', 'Drives a red car']);
    expect(both.results[0].score!).toBeGreaterThan(both.results[1].score!);
    const narrowed = async (options: Json) =>
      (
        await client.search('fact', { filters: { user_id: 'narrow' }, threshold: 0, ...options })
      ).results
        .map((m) => m.memory)
        .sort();
    expect(await narrowed({ categories: ['food'] })).toEqual(['Likes green tea']);
    expect(await narrowed({ metadata: { topic: 'x' } })).toEqual(['Tagged fact']);
    // A keyword search answers only the memories holding a query term.
    expect(await narrowed({ rerank: true, keywordSearch: true, topK: 2 })).toEqual(['Tagged fact']);
  });

  it('gets, updates and keeps the history of one memory', async () => {
    const [id] = await remember('item', 'Likes green tea');
    expect(await client.get(id)).toMatchObject({
      id,
      memory: 'Likes green tea',
      userId: 'item',
      metadata: null,
      createdAt: iso,
    });
    const updated = await client.update(id, {
      text: 'Likes jasmine tea',
      metadata: { mood: 'calm' },
    });
    expect(updated).toMatchObject({ id, memory: 'Likes jasmine tea', metadata: { mood: 'calm' } });
    expect(await client.get(id)).toMatchObject({ memory: 'Likes jasmine tea' });
    const history = await client.history(id);
    expect(history).toEqual([
      expect.objectContaining({
        memoryId: id,
        event: 'ADD',
        oldMemory: null,
        newMemory: 'Likes green tea',
      }),
      expect.objectContaining({
        memoryId: id,
        event: 'UPDATE',
        oldMemory: 'Likes green tea',
        newMemory: 'Likes jasmine tea',
        userId: 'item',
      }),
    ]);
  });

  it('deletes one memory, with and without delete_linked', async () => {
    const [first, second] = await remember('deleter', 'Temporary one', 'Temporary two');
    expect(await client.delete(first)).toEqual({ message: 'Memory deleted successfully!' });
    await expect(client.get(first)).rejects.toBeInstanceOf(mem0.MemoryNotFoundError);
    expect(await client.delete(second, { deleteLinked: true })).toEqual({
      message: 'Memory deleted successfully!',
      cascadeCount: 0,
    });
    expect((await client.history(first)).map((entry) => entry.event)).toEqual(['ADD', 'DELETE']);
    await expect(client.delete(first)).rejects.toBeInstanceOf(mem0.MemoryNotFoundError);
  });

  it('deletes all memories of one entity and leaves the others', async () => {
    await remember('wipe-1', 'Alpha fact');
    await remember('wipe-2', 'Beta fact');
    expect(await client.deleteAll({ userId: 'wipe-1' })).toEqual({
      message: 'Memories deleted successfully!',
    });
    expect(await memoriesOf('wipe-1')).toEqual([]);
    expect(await memoriesOf('wipe-2')).toEqual(['Beta fact']);
  });

  it('updates and deletes in batches', async () => {
    const ids = await remember('batch', 'Batch one', 'Batch two', 'Batch three');
    const updated = await client.batchUpdate([
      { memoryId: ids[0], text: 'Batch one, edited' },
      { memoryId: ids[1], text: 'Batch two, edited' },
    ]);
    expect(updated).toEqual({ message: 'Successfully updated 2 memories' });
    expect(await memoriesOf('batch')).toEqual([
      'Batch one, edited',
      'Batch three',
      'Batch two, edited',
    ]);
    expect(await client.batchDelete([ids[0], ids[2]])).toEqual({
      message: 'Successfully deleted 2 memories',
    });
    expect(await memoriesOf('batch')).toEqual(['Batch two, edited']);
  });

  it('lists users with totals, and pages them', async () => {
    const users = await client.users();
    const names = users.results.map((entity) => `${entity.type}:${entity.name}`);
    expect(names).toEqual(expect.arrayContaining(['user:pager', 'user:batch', 'agent:travel-bot']));
    expect(names).not.toContain('user:wipe-1');
    expect(users).toMatchObject({ count: users.results.length, next: null, previous: null });
    expect(users.results.find((entity) => entity.name === 'pager')).toMatchObject({
      type: 'user',
      totalMemories: 5,
      owner: `${project.project_id}@mnemo.local`,
    });
    const paged = await client.users({ page: 2, pageSize: 3 });
    expect(paged).toMatchObject({
      count: users.count,
      previous: expect.stringContaining('page=1'),
    });
    expect(paged.results).toEqual(users.results.slice(3, 6));
  });

  it('reads and updates the project', async () => {
    const before = await client.getProject({});
    expect(before).toMatchObject({
      projectId: project.project_id,
      orgId: project.org_id,
      name: 'client-project',
      customInstructions: null,
      userRole: 'OWNER',
    });
    const categories = [{ travel: 'Trips and places' }, { food: 'What the user eats' }];
    expect(
      await client.updateProject({
        customInstructions: 'Only remember travel plans.',
        customCategories: categories,
        multilingual: true,
      }),
    ).toEqual({ message: 'Project updated successfully' });
    const fields = ['customInstructions', 'customCategories', 'multilingual'];
    expect(await client.getProject({ fields })).toEqual({
      customInstructions: 'Only remember travel plans.',
      customCategories: categories,
      multilingual: true,
    });
  });

  it('deletes users one at a time, with the deprecated v1 route, then all at once', async () => {
    expect(await client.deleteUsers({ userId: 'pager' })).toEqual({
      message: 'Entity deleted successfully.',
    });
    expect(await memoriesOf('pager')).toEqual([]);
    expect(await client.deleteUsers({ agentId: 'travel-bot' })).toEqual({
      message: 'Entity deleted successfully.',
    });
    // The deprecated route took a numeric id; Mnemo knows entities by name.
    expect(
      await client.deleteUser({ entity_type: 'user', entity_id: 'batch' as unknown as number }),
    ).toEqual({ message: 'Entity deleted successfully.' });
    const names = (await client.users()).results.map((entity) => entity.name);
    expect(names).not.toContain('pager');
    expect(names).not.toContain('travel-bot');
    expect(names).not.toContain('batch');
    expect(names.length).toBeGreaterThan(0);
    expect(await client.deleteUsers()).toEqual({
      message: 'All users, agents, apps and runs deleted.',
    });
    expect(await client.users()).toMatchObject({ count: 0, results: [] });
    expect(await memoriesOf('narrow')).toEqual([]);
  });
});
