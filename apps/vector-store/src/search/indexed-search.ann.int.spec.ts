import type { DataSource } from 'typeorm';
import { mulberry32, type ScoredMemory } from '@mnemo/contracts';
import { eventually } from '@mnemo/testing';
import { openSpecDatabase, type SpecDatabase } from '../database/spec-database.fixture';
import { MemoryVersionsRepository } from '../memories/memory-versions.repository';
import { MemoryEntity } from '../memories/memory.entity';
import { scopeKey } from '../memories/scope-key';
import { RandomCorpus } from './indexed-search.fixture';
import { exactScan, instance, type Instance } from './indexed-search.instance.fixture';
import { MemorySearchService, type SearchRequest } from './memory-search.service';

const seed = Number(process.env.MNEMO_SPEC_SEED ?? 20261208);
const scopeSize = 3000;
// The stated tolerance of the ANN path: mean recall@k against the exact ranking, and the score
// of a memory both return (the farthest memory found, which sets the min-max bound, is itself
// approximate).
const minRecall = 0.98;
const scoreTolerance = 1e-3;

describe(`${MemorySearchService.name} over an HNSW graph`, () => {
  let spec: SpecDatabase;
  let dataSource: DataSource;
  const corpus = new RandomCorpus(mulberry32(seed));
  // One large scope of one model without expiry dates: the case the graph serves.
  const bigMemory = () => ({
    ...corpus.memory('p1'),
    userId: 'big',
    agentId: null,
    scopeKey: scopeKey({ userId: 'big' }),
    embeddingModel: 'test-model',
    expirationDate: null,
  });
  const insert = (count: number) =>
    dataSource.manager.insert(MemoryEntity, Array.from({ length: count }, bigMemory) as never);
  // Another instance's add: committed with its version, this instance's index not told.
  const foreignInsert = (count: number) =>
    dataSource.transaction(async (manager) => {
      await manager.insert(MemoryEntity, Array.from({ length: count }, bigMemory) as never);
      await new MemoryVersionsRepository(dataSource).bump(manager, 'p1');
    });
  // Half the queries match no keyword: then the graph alone picks what ranks.
  const request = (filters: Record<string, unknown>): SearchRequest => ({
    ...corpus.search('p1'),
    queryText: corpus.pick([corpus.text(), 'zebra quartz']),
    filters,
    topK: corpus.pick([5, 10, 20]),
    showExpired: false,
  });
  const annQueries = async (node: Instance) => {
    const text = await node.registry.getSingleMetricAsString('mnemo_search_index_queries_total');
    return Number(/path="ann"[^}]*} (\d+)/.exec(text)?.[1] ?? 0);
  };

  /** Mean recall@k of the ANN answers against the exact scan, checking shared scores. */
  async function recallOver(node: Instance, requests: SearchRequest[]): Promise<number> {
    let recall = 0;
    for (const search of requests) {
      const [ann, exact] = [await node.search.search(search), await exactScan(node, search)];
      expect(ann).toHaveLength(exact.length);
      const exactById = new Map(exact.map((m) => [m.id, m]));
      const shared = ann.filter((m) => exactById.has(m.id));
      for (const memory of shared) expectScoreNear(memory, exactById.get(memory.id)!);
      recall += exact.length === 0 ? 1 : shared.length / exact.length;
    }
    return recall / requests.length;
  }

  beforeAll(async () => {
    spec = await openSpecDatabase('mnemo_ann_test');
    dataSource = spec.dataSource;
    for (let i = 0; i < scopeSize; i += 500) await insert(500);
  }, 60_000);

  afterAll(() => spec?.drop());

  it('ranks a scope above the threshold like the exact scan, within the stated tolerance', async () => {
    const node = instance(dataSource, { MNEMO_SEARCH_ANN_MIN_MEMORIES: '1000' });
    await node.search.search(request({ user_id: 'big' }));
    await eventually(() => expect(node.index.stats().annScopes).toBe(1));
    const whole = Array.from({ length: 40 }, () => request({ user_id: 'big' }));
    // About two thirds of the scope: a narrowed set large enough for the graph, post-filtered.
    const narrowed = Array.from({ length: 20 }, () =>
      request({ AND: [{ user_id: 'big' }, { categories: { in: ['work'] } }] }),
    );
    expect(await recallOver(node, [...whole, ...narrowed])).toBeGreaterThanOrEqual(minRecall);
    expect(await annQueries(node)).toBeGreaterThanOrEqual(whole.length + narrowed.length);
  }, 120_000);

  it("keeps the graph in step with its own deletes and another instance's adds", async () => {
    const node = instance(dataSource, { MNEMO_SEARCH_ANN_MIN_MEMORIES: '1000' });
    const everything = { ...request({ user_id: 'big' }), topK: 50, threshold: 0 };
    await node.search.search(everything);
    await eventually(() => expect(node.index.stats().annScopes).toBe(1));
    const victims = (await node.search.search(everything)).slice(0, 5).map((m) => m.id);
    await node.edits.delete('p1', victims);
    const afterDelete = (await node.search.search(everything)).map((m) => m.id);
    expect(afterDelete.filter((id) => victims.includes(id))).toEqual([]);
    await foreignInsert(50);
    const before = await annQueries(node);
    const requests = Array.from({ length: 30 }, () => request({ user_id: 'big' }));
    expect(await recallOver(node, requests)).toBeGreaterThanOrEqual(minRecall);
    // The reloaded scope took over the graph: no rebuild stood between it and the ANN path.
    expect(await annQueries(node)).toBe(before + requests.length);
  }, 120_000);
});

function expectScoreNear(ann: ScoredMemory, exact: ScoredMemory): void {
  expect(Math.abs((ann.score ?? 0) - (exact.score ?? 0))).toBeLessThanOrEqual(scoreTolerance);
}
