import type { DataSource } from 'typeorm';
import { mulberry32, type DomainError } from '@mnemo/contracts';
import { openSpecDatabase, type SpecDatabase } from '../database/spec-database.fixture';
import { MemoryVersionsRepository } from '../memories/memory-versions.repository';
import { MemoryEntity } from '../memories/memory.entity';
import { RandomCorpus } from './indexed-search.fixture';
import { exactScan, instance, type Instance } from './indexed-search.instance.fixture';
import { MemorySearchService, type SearchRequest } from './memory-search.service';

const seed = Number(process.env.MNEMO_SPEC_SEED ?? 20261207);

async function expectSameAsExact(node: Instance, request: SearchRequest): Promise<void> {
  const [indexed, exact] = [await node.search.search(request), await exactScan(node, request)];
  const context = JSON.stringify({ filters: request.filters, topK: request.topK });
  expect({ context, ids: indexed.map((m) => m.id) }).toEqual({
    context,
    ids: exact.map((m) => m.id),
  });
  indexed.forEach((memory, i) => {
    expect(memory.score).toBeCloseTo(exact[i].score, 9);
    expect({ ...memory, score: 0 }).toEqual({ ...exact[i], score: 0 });
  });
}

describe(MemorySearchService.name, () => {
  let spec: SpecDatabase;
  let dataSource: DataSource;
  const corpus = new RandomCorpus(mulberry32(seed));

  const insert = (count: number, projectId = 'p1') =>
    dataSource.manager.insert(
      MemoryEntity,
      Array.from({ length: count }, () => corpus.memory(projectId)) as never,
    );
  // Another instance's write: committed with its version, this instance's index not told.
  const foreignInsert = (count: number) =>
    dataSource.transaction(async (manager) => {
      await manager.insert(
        MemoryEntity,
        Array.from({ length: count }, () => corpus.memory('p1')) as never,
      );
      await new MemoryVersionsRepository(dataSource).bump(manager, 'p1');
    });
  const someIds = async (count: number) =>
    (
      await dataSource.query<{ id: string }[]>(
        'SELECT id FROM memories WHERE project_id = ? ORDER BY RAND() LIMIT ?',
        ['p1', count],
      )
    ).map((row) => row.id);

  beforeAll(async () => {
    spec = await openSpecDatabase('mnemo_index_test');
    dataSource = spec.dataSource;
    await insert(400);
    await insert(50, 'p2');
  });

  afterAll(() => spec?.drop());

  it('returns what the exact scan returns for random scopes, filters and queries, across writes', async () => {
    const node = instance(dataSource);
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 40; i++)
        await expectSameAsExact(node, corpus.search(corpus.pick(['p1', 'p1', 'p2'])));
      const [updated, ...deleted] = await someIds(4);
      await node.edits.update({
        projectId: 'p1',
        memoryId: updated,
        metadata: { score: round },
        categories: ['work'],
      });
      await node.edits.delete('p1', deleted);
      await foreignInsert(5);
    }
    const metrics = await node.registry.getSingleMetricAsString('mnemo_search_index_lookups_total');
    expect(metrics).toMatch(/outcome="hit"[^}]*} [1-9]/);
    expect(metrics).toMatch(/outcome="miss"[^}]*} [1-9]/);
  }, 120_000);

  it('answers the same under a budget that holds about one scope', async () => {
    const node = instance(dataSource, { MNEMO_INDEX_MEMORY_MB: '0.1' });
    for (let i = 0; i < 60; i++) await expectSameAsExact(node, corpus.search('p1'));
    expect(node.index.stats().bytes).toBeLessThanOrEqual(0.1 * 1024 * 1024);
  }, 120_000);

  it("sees its own update and delete at once, and another instance's add at its next search", async () => {
    const [mine, other] = [instance(dataSource), instance(dataSource)];
    const request = {
      ...corpus.search('p1'),
      filters: { user_id: 'u1' },
      topK: 1000,
      threshold: 0,
    };
    const before = await other.search.search(request);
    const [victim] = before;
    await mine.edits.delete('p1', [victim.id]);
    expect((await mine.search.search(request)).map((m) => m.id)).not.toContain(victim.id);
    expect((await other.search.search(request)).map((m) => m.id)).not.toContain(victim.id);
    await foreignInsert(3);
    await expectSameAsExact(mine, request);
    await expectSameAsExact(other, request);
  }, 120_000);

  it('refuses a search matching more than the candidate limit, and serves a smaller scope', async () => {
    const node = instance(dataSource, { MNEMO_SEARCH_CANDIDATE_LIMIT: '100' });
    const request = { ...corpus.search('p1'), filters: {} };
    await expect(node.search.search(request)).rejects.toMatchObject({
      code: 'payload_too_large',
      message: expect.stringContaining('more than 100 memories') as string,
    } satisfies Partial<DomainError>);
    await expectSameAsExact(node, { ...request, filters: { user_id: 'u1', agent_id: 'a1' } });
    await expectSameAsExact(node, {
      ...request,
      filters: { metadata: { score: 9 }, agent_id: 'a2' },
    });
  }, 120_000);
});
