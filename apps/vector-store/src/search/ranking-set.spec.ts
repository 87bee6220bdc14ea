import type { MemoryRecord } from '@mnemo/contracts';
import type { StoredMemory } from '../memories/memory.row';
import { rankHybrid, type RankingOptions } from './hybrid-ranking';
import { bm25Scores, keywordTerms } from './keyword-scoring';
import { RankingSet } from './ranking-set';
import { VectorBlock } from './vector-block';

const words = ['tea', 'green', 'spicy', 'hotpot', 'paris', 'chess', 'jazz', 'the', 'run', 'ran'];
const termsOf = (m: StoredMemory) => keywordTerms(m.record.memory);

function randomSet(random: () => number, n: number, dims: number): StoredMemory[] {
  return Array.from({ length: n }, (_, i) => {
    const text = Array.from({ length: 1 + Math.floor(random() * 8) }, () =>
      pick(random, words),
    ).join(' ');
    // A few write instants with many memories each, as batches leave them.
    const minute = Math.floor(random() * 4) * 10;
    const createdAt = new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();
    const record = {
      id: `m${Math.floor(random() * 10_000)}-${i}`,
      memory: text,
      hash: `h${i}`,
      createdAt,
      expirationDate: null,
    } as MemoryRecord;
    const embedding = Float32Array.from({ length: dims }, () => random() * 2 - 1);
    return { record, embedding, embeddingModel: 'm' };
  });
}

function pick<T>(random: () => number, values: T[]): T {
  return values[Math.floor(random() * values.length)];
}

function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe(RankingSet.name, () => {
  it('gives the BM25 scores bm25Scores gives over the same memories, to the last bit', () => {
    const random = seeded(3);
    for (let round = 0; round < 100; round++) {
      const memories = randomSet(random, Math.floor(random() * 40), 2);
      const set = new RankingSet(memories, termsOf);
      const query = Array.from({ length: Math.floor(random() * 4) }, () => pick(random, words));
      const expected = bm25Scores(keywordTerms(query.join(' ')), memories.map(termsOf));
      expect(Array.from(set.bm25(keywordTerms(query.join(' '))))).toEqual(expected);
    }
  });

  it('lets rankHybrid rank as it does without it: the same memories in the same order, scores within float32 rounding', () => {
    let blocks = 0;
    const random = seeded(5);
    const options: RankingOptions = {
      topK: 10,
      threshold: 0,
      explain: true,
      fusion: 'minmax',
      semanticWeight: 0.5,
      keywordWeight: 0.5,
    };
    for (let round = 0; round < 60; round++) {
      // Sets of 64 or more have their vectors scored in a SIMD block.
      const memories = randomSet(random, 1 + Math.floor(random() * 130), 8);
      const prepared = new RankingSet(memories, termsOf, VectorBlock.adopt(memories));
      const query = {
        vector: Float32Array.from({ length: 8 }, () => random() * 2 - 1),
        model: 'm',
        terms: keywordTerms(`${pick(random, words)} ${pick(random, words)}`),
      };
      const settings = { ...options, fusion: pick(random, ['minmax', 'mem0'] as const) };
      const expected = rankHybrid([...memories], query, termsOf, settings);
      const ranked = rankHybrid(memories, query, termsOf, { ...settings, prepared });
      expect(ranked.map((m) => m.id)).toEqual(expected.map((m) => m.id));
      ranked.forEach((m, i) => {
        expect(Math.abs(m.score - expected[i].score)).toBeLessThan(1e-6);
        expect(m.scoreDetails?.bm25Score).toBe(expected[i].scoreDetails?.bm25Score);
      });
      // Without vectors in a block, the set's own parts (BM25, context) rank to the bit.
      const exact = new RankingSet(memories, termsOf);
      expect(rankHybrid(memories, query, termsOf, { ...settings, prepared: exact })).toEqual(
        expected,
      );
      if (prepared.vectors) blocks++;
    }
    expect(blocks).toBeGreaterThan(10);
  });

  it('serves only a query comparable with every member, and tells when one expires', () => {
    const random = seeded(9);
    const memories = randomSet(random, 5, 4);
    expect(new RankingSet(memories, termsOf).comparableWith('m', 4)).toBe(true);
    expect(new RankingSet(memories, termsOf).comparableWith('m', 3)).toBe(false);
    const mixed = [...memories, { ...memories[0], embeddingModel: 'other' }];
    expect(new RankingSet(mixed, termsOf).comparableWith('m', 4)).toBe(false);
    expect(new RankingSet([], termsOf).comparableWith('m', 4)).toBe(false);
    const expiring = [
      ...memories,
      { ...memories[1], record: { ...memories[1].record, expirationDate: '2026-03-01' } },
    ];
    const set = new RankingSet(expiring, termsOf);
    expect(set.noneExpired('2026-03-01')).toBe(true);
    expect(set.noneExpired('2026-03-02')).toBe(false);
    expect(new RankingSet(memories, termsOf).noneExpired('2999-01-01')).toBe(true);
  });
});
