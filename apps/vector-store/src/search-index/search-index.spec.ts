import { parseFilters } from '@mnemo/contracts';
import { memoryRecordFixture } from '@mnemo/testing';
import type { VectorStoreConfig } from '../config/vector-store.config';
import type { StoredMemory } from '../memories/memory.row';
import { keywordTerms } from '../search/keyword-scoring';
import { belongsTo, splitFilter } from './index-scope';
import { adoptAnn, buildAnn } from './ann-build';
import { SearchIndex } from './search-index';
import { ScopeIndex } from './scope-index';

function memory(id: string, userId: string | null): StoredMemory {
  const record = memoryRecordFixture(id, userId);
  return { record, embedding: new Float32Array(256), embeddingModel: 'm' };
}

const termsOf = (stored: StoredMemory) => keywordTerms(stored.record.memory);
const filterOf = (filters: object) => parseFilters(filters, { dialect: 'platform' });

function scopeOf(projectId: string, filters: object, version: number, ...rows: StoredMemory[]) {
  const loaded = new ScopeIndex(splitFilter(projectId, filterOf(filters)).scope, version, termsOf);
  rows.forEach((row) => loaded.upsert(row));
  return loaded;
}

const budget = (mb: number) => new SearchIndex({ MNEMO_INDEX_MEMORY_MB: mb } as VectorStoreConfig);

describe(SearchIndex.name, () => {
  it('picks top-level entity eqs as the scope and flags the other conditions', () => {
    const split = splitFilter(
      'p1',
      filterOf({ AND: [{ user_id: 'u1' }, { categories: { in: ['a'] } }] }),
    );
    expect(split.scope.conditions).toEqual([{ field: 'user_id', value: 'u1' }]);
    expect(split.narrowed).toBe(true);
    expect(splitFilter('p1', filterOf({ user_id: 'u1' })).narrowed).toBe(false);
    const across = splitFilter('p1', filterOf({ OR: [{ user_id: 'u1' }, { user_id: 'u2' }] }));
    expect(across.scope.conditions).toEqual([]);
    expect(across.narrowed).toBe(true);
  });

  it('gives the same key to the same scope written in another order', () => {
    const a = splitFilter('p1', filterOf({ user_id: 'u1', agent_id: 'a1' })).scope.key;
    const b = splitFilter('p1', filterOf({ agent_id: 'a1', user_id: 'u1' })).scope.key;
    expect(a).toBe(b);
    expect(splitFilter('p2', filterOf({ user_id: 'u1', agent_id: 'a1' })).scope.key).not.toBe(a);
  });

  it('leaves membership to SQL when ids differ only in trailing spaces', () => {
    const { scope } = splitFilter('p1', filterOf({ user_id: 'u1' }));
    expect(belongsTo(scope, memory('m1', 'u1').record)).toBe(true);
    expect(belongsTo(scope, memory('m1', 'U1').record)).toBe(false);
    expect(belongsTo(scope, memory('m1', null).record)).toBe(false);
    expect(belongsTo(scope, memory('m1', 'u1 ').record)).toBeUndefined();
  });

  it('serves a scope only at the version it holds', () => {
    const index = budget(1);
    const loaded = scopeOf('p1', { user_id: 'u1' }, 3, memory('m1', 'u1'));
    index.put(loaded);
    expect(index.get(loaded.scope.key, 3)).toBe(loaded);
    expect(index.get(loaded.scope.key, 4)).toBeUndefined();
  });

  it('advances a scope by the next version and drops it after a missed one', () => {
    const index = budget(1);
    const u1 = scopeOf('p1', { user_id: 'u1' }, 3, memory('m1', 'u1'), memory('m2', 'u1'));
    const u2 = scopeOf('p1', { user_id: 'u2' }, 2, memory('m3', 'u2'));
    index.put(u1);
    index.put(u2);
    index.applyWrite('p1', 4, {
      upserts: [memory('m4', 'u1'), memory('m5', 'u2')],
      deletes: ['m2'],
    });
    expect([...(index.get(u1.scope.key, 4)?.memories.keys() ?? [])]).toEqual(['m1', 'm4']);
    expect(index.get(u2.scope.key, 2)).toBeUndefined();
    expect(index.stats()).toMatchObject({ scopes: 1, memories: 2 });
  });

  it('evicts the least recently searched scope past the budget and counts the bytes', () => {
    const index = budget(0.01);
    const rows = (user: string) => [1, 2, 3].map((n) => memory(`${user}-${n}`, user));
    const first = scopeOf('p1', { user_id: 'u1' }, 1, ...rows('u1'));
    const second = scopeOf('p1', { user_id: 'u2' }, 1, ...rows('u2'));
    const third = scopeOf('p1', { user_id: 'u3' }, 1, ...rows('u3'));
    index.put(first);
    index.put(second);
    index.get(first.scope.key, 1);
    index.put(third);
    expect(index.get(second.scope.key, 1)).toBeUndefined();
    expect(index.get(first.scope.key, 1)).toBe(first);
    expect(index.stats().bytes).toBe(first.bytes + third.bytes);
    expect(first.bytes).toBeGreaterThan(3 * 1024);
  });

  it('counts a grown scope and its HNSW graph against the budget', async () => {
    const index = budget(10);
    const loaded = scopeOf('p1', { user_id: 'u1' }, 1, memory('m1', 'u1'), memory('m2', 'u1'));
    index.put(loaded);
    const before = index.stats().bytes;
    index.applyWrite('p1', 2, { upserts: [memory('m3', 'u1')], deletes: [] });
    expect(index.stats().bytes).toBe(loaded.bytes);
    expect(index.stats().bytes).toBeGreaterThan(before);
    expect(await buildAnn(loaded, 16, () => true)).toBe(true);
    index.resized(loaded);
    expect(index.stats()).toMatchObject({ annScopes: 1, bytes: Math.ceil(loaded.totalBytes) });
    expect(loaded.totalBytes).toBeGreaterThan(loaded.bytes + 3 * 2 * 256);
  });

  it('keeps nothing of a scope larger than the whole budget', () => {
    const index = budget(0.01);
    const big = scopeOf(
      'p1',
      {},
      1,
      ...Array.from({ length: 20 }, (_, n) => memory(`m${n}`, 'u1')),
    );
    index.put(big);
    expect(index.stats()).toEqual({ bytes: 0, scopes: 0, memories: 0, annScopes: 0 });
  });

  it('rebuilds a graph worn by in-place writes beside it, keeping writes made meanwhile', async () => {
    const config = { MNEMO_INDEX_MEMORY_MB: 50, MNEMO_SEARCH_ANN_CANDIDATES: 32 };
    const index = new SearchIndex(config as VectorStoreConfig);
    const pointing = (id: string, axis: number) => {
      const row = memory(id, 'u1');
      row.embedding = new Float32Array(256);
      row.embedding[axis] = 1;
      return row;
    };
    const rows = Array.from({ length: 200 }, (_, n) => pointing(`m${n}`, n));
    const loaded = scopeOf('p1', { user_id: 'u1' }, 1, ...rows);
    index.put(loaded);
    expect(await buildAnn(loaded, 32, () => true)).toBe(true);
    const worn = loaded.ann;
    // Each update replaces a node: after more than 200 the removed ones outnumber the live ones.
    for (let version = 2; version <= 202; version++) {
      const n = version % 200;
      index.applyWrite('p1', version, { upserts: [pointing(`m${n}`, n)], deletes: [] });
    }
    expect(loaded.rebuilding).toBeDefined();
    expect(loaded.ann).toBe(worn);
    index.applyWrite('p1', 203, { upserts: [pointing('late', 250)], deletes: ['m7'] });
    await eventuallyTrue(() => loaded.ann !== worn);
    expect(loaded.rebuilding).toBeUndefined();
    // Only the writes made during the rebuild may have left removed nodes in the new graph.
    expect(worn?.graph.tombstones).toBeGreaterThan(200);
    expect(loaded.ann?.graph.tombstones).toBeLessThanOrEqual(2);
    expect(loaded.ann?.graph.size).toBe(200);
    const ann = loaded.ann!;
    const nearest = ann.graph.nearest(pointing('q', 250).embedding, 1);
    expect(nearest.map((slot) => ann.postings.item(slot).record.id)).toEqual(['late']);
    expect(loaded.ann?.holds('m7')).toBe(false);
    expect(index.stats().bytes).toBe(Math.ceil(loaded.totalBytes));
  });

  it('hands back the reloaded rows from a graph a reloaded scope takes over', async () => {
    const pointing = (id: string, axis: number, metadata: Record<string, unknown>) => {
      const row = memory(id, 'u1');
      row.record = { ...row.record, memory: `green tea number ${axis}`, hash: id, metadata };
      row.embedding[axis] = 1;
      return row;
    };
    const before = scopeOf('p1', { user_id: 'u1' }, 1, pointing('a', 1, { v: 1 }));
    for (let n = 2; n < 40; n++) before.upsert(pointing(`m${n}`, n, {}));
    expect(await buildAnn(before, 16, () => true)).toBe(true);
    // Another instance changed a's metadata only: the reload keeps a's node, with the new row.
    const after = scopeOf('p1', { user_id: 'u1' }, 2, pointing('a', 1, { v: 2 }));
    for (const row of before.memories.values()) if (row.record.id !== 'a') after.upsert(row);
    expect(adoptAnn(after, before)).toBe(true);
    const ann = after.ann!;
    const query = pointing('q', 1, {}).embedding;
    const nearest = ann.graph.nearest(query, 1).map((slot) => ann.postings.item(slot));
    expect(nearest.map((m) => m.record.metadata)).toEqual([{ v: 2 }]);
    const slotOfA = ann.postings.slotOf('a')!;
    expect(ann.postings.search(['tea'], ann.postings.corpus()).of(slotOfA)).toBeGreaterThan(0);
    expect(ann.postings.item(slotOfA).record.metadata).toEqual({ v: 2 });
    // The fresh row's vector is the graph's row, held once.
    expect(after.memories.get('a')?.embedding).toEqual(before.memories.get('a')?.embedding);
  });
});

async function eventuallyTrue(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 2500 && !check(); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  expect(check()).toBe(true);
}
