import type { DataSource } from 'typeorm';
import { decodeVector, parseFilters, type DomainError, type ScoredMemory } from '@mnemo/contracts';
import { loadConfig } from '@mnemo/config';
import type { EmbedderClient } from '@mnemo/clients';
import { createMetrics } from '@mnemo/observability';
import type { ServiceRuntime } from '@mnemo/service-kit';
import { vectorStoreConfigSchema } from '../config/vector-store.config';
import { openSpecDatabase, type SpecDatabase } from '../database/spec-database.fixture';
import { compileFilter } from '../filters';
import { MemoriesRepository } from '../memories/memories.repository';
import { MemoryVersionsRepository } from '../memories/memory-versions.repository';
import { MemoryEntity } from '../memories/memory.entity';
import { MemoryEventsOutbox } from '../outbox/memory-events.outbox';
import { IndexFreshness } from '../search-index/index-freshness';
import { SearchIndex } from '../search-index/search-index';
import { SearchIndexMetrics } from '../search-index/search-index.metrics';
import { MemoryEditsService } from '../writes/memory-edits.service';
import { rankHybrid } from './hybrid-ranking';
import { mulberry32 } from '@mnemo/testing';
import { RandomCorpus } from './indexed-search.fixture';
import { keywordTerms } from './keyword-scoring';
import { MemorySearchService, type SearchRequest } from './memory-search.service';

const seed = Number(process.env.MNEMO_SPEC_SEED ?? 20261207);

/** One vector-store instance's search and edit path over the shared database. */
function instance(dataSource: DataSource, env: Record<string, string> = {}) {
  const config = loadConfig(vectorStoreConfigSchema, env);
  const repository = new MemoriesRepository(dataSource);
  const index = new SearchIndex(config);
  const runtime = { metrics: createMetrics('vector-store', 'spec') } as ServiceRuntime;
  const freshness = new IndexFreshness(new MemoryVersionsRepository(dataSource), index);
  const search = new MemorySearchService(
    repository,
    new MemoryVersionsRepository(dataSource),
    index,
    new SearchIndexMetrics(runtime, index),
    config,
  );
  // Edits without new text never call the embedder.
  const edits = new MemoryEditsService(
    repository,
    undefined as unknown as EmbedderClient,
    new MemoryEventsOutbox(),
    freshness,
  );
  return {
    config,
    repository,
    index,
    search,
    edits,
    freshness,
    registry: runtime.metrics.registry,
  };
}

type Instance = ReturnType<typeof instance>;

/** Today's exact scan: every matching row from SQL, scored by the same ranking. */
async function exactScan(node: Instance, request: SearchRequest): Promise<ScoredMemory[]> {
  const filter = parseFilters(request.filters, { dialect: request.filterDialect });
  const rows = await node.repository.findCandidates({
    projectId: request.projectId,
    where: compileFilter(filter, { tableAlias: 'm' }),
    showExpired: request.showExpired,
    limit: 1_000_000,
  });
  const query = {
    vector: decodeVector(request.queryVector),
    model: request.model,
    terms: keywordTerms(request.queryText),
  };
  return rankHybrid(rows, query, (row) => keywordTerms(row.record.memory), {
    topK: request.topK,
    threshold: request.threshold,
    explain: request.explain,
    fusion: node.config.MNEMO_SEARCH_FUSION,
    semanticWeight: node.config.MNEMO_SEARCH_SEMANTIC_WEIGHT,
    keywordWeight: node.config.MNEMO_SEARCH_KEYWORD_WEIGHT,
  });
}

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
  });

  it('answers the same under a budget that holds about one scope', async () => {
    const node = instance(dataSource, { MNEMO_INDEX_MEMORY_MB: '0.1' });
    for (let i = 0; i < 60; i++) await expectSameAsExact(node, corpus.search('p1'));
    expect(node.index.stats().bytes).toBeLessThanOrEqual(0.1 * 1024 * 1024);
  });

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
  });

  it('refuses a search matching more than the candidate limit, and serves a smaller scope', async () => {
    const node = instance(dataSource, { MNEMO_SEARCH_CANDIDATE_LIMIT: '100' });
    const request = { ...corpus.search('p1'), filters: {} };
    await expect(node.search.search(request)).rejects.toMatchObject({
      code: 'payload_too_large',
      message: expect.stringContaining('more than 100 memories') as unknown,
    } satisfies Partial<DomainError>);
    await expectSameAsExact(node, { ...request, filters: { user_id: 'u1', agent_id: 'a1' } });
    await expectSameAsExact(node, {
      ...request,
      filters: { metadata: { score: 9 }, agent_id: 'a2' },
    });
  });
});
