import type { MemoryRecord } from '@mnemo/contracts';
import type { StoredMemory } from '../memories/memory.row';
import { rankHybrid, rankHybridYielding, type RankingOptions } from './hybrid-ranking';
import { keywordTerms } from './keyword-scoring';

function memory(
  id: string,
  text: string,
  vector: number[],
  model = 'm',
  createdAt = '',
): StoredMemory {
  const record = { id, memory: text, hash: id, createdAt } as MemoryRecord;
  return { record, embedding: Float32Array.from(vector), embeddingModel: model };
}

const options: RankingOptions = {
  topK: 10,
  threshold: 0.1,
  explain: true,
  fusion: 'minmax',
  semanticWeight: 0.5,
  keywordWeight: 0.5,
};
const termsOf = (m: StoredMemory) => keywordTerms(m.record.memory);

describe(rankHybrid.name, () => {
  const candidates = [
    memory('a', 'Prefers Sichuan cuisine', [0.6, 0.8]),
    memory('b', 'Likes jazz music', [0.8, 0.6]),
    memory('c', 'Budget about 100 yuan per person', [1, 0]),
  ];

  it('lets a keyword match lift a memory above a slightly closer vector', () => {
    const ranked = rankHybrid(
      candidates,
      { vector: Float32Array.from([0.8, 0.6]), model: 'm', terms: keywordTerms('sichuan food') },
      termsOf,
      options,
    );
    expect(ranked.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(ranked[0].score).toBeCloseTo((0.5 * (0.96 - 0.8)) / (1 - 0.8) + 0.5, 5);
    expect(ranked[0].scoreDetails).toMatchObject({
      bm25Score: 1,
      maxPossibleScore: 1,
      threshold: 0.1,
    });
  });

  it('ranks by the semantic score alone when no keyword matches, scores still in [0,1]', () => {
    const ranked = rankHybrid(
      candidates,
      { vector: Float32Array.from([1, 0]), model: 'm', terms: ['zzz'] },
      termsOf,
      options,
    );
    expect(ranked.map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(ranked[0].score).toBe(1);
    expect(ranked[2].score).toBe(0);
  });

  it('gates on the raw semantic score and skips vectors of another model', () => {
    const mixed = [...candidates, memory('d', 'Sichuan again', [0.6, 0.8], 'other')];
    const ranked = rankHybrid(
      mixed,
      { vector: Float32Array.from([0, 1]), model: 'm', terms: [] },
      termsOf,
      { ...options, threshold: 0.7 },
    );
    expect(ranked.map((r) => r.id)).toEqual(['a']);
  });

  it('squashes BM25 with a sigmoid in mem0 mode', () => {
    const ranked = rankHybrid(
      candidates,
      { vector: Float32Array.from([0.6, 0.8]), model: 'm', terms: keywordTerms('sichuan') },
      termsOf,
      { ...options, fusion: 'mem0' },
    );
    expect(ranked[0].id).toBe('a');
    expect(ranked[0].scoreDetails?.maxPossibleScore).toBe(2);
    expect(ranked[0].score).toBeLessThanOrEqual(1);
  });

  it('breaks a tie in favour of keyword evidence', () => {
    const pair = [
      memory('noted', 'Noted, thanks', [1, 0]),
      memory('hotpot', 'Loves chili hotpot', [0.6, 0.8]),
    ];
    const ranked = rankHybrid(
      pair,
      { vector: Float32Array.from([1, 0]), model: 'm', terms: keywordTerms('chili hotpot') },
      termsOf,
      options,
    );
    expect(ranked.map((r) => [r.id, r.score])).toEqual([
      ['hotpot', 0.5],
      ['noted', 0.5],
    ]);
    expect(ranked[0]).not.toHaveProperty('tie');
  });

  it('lifts the memory written right after a match above an equally close one written apart', () => {
    const turns = [
      memory(
        'asked',
        'How did the kids like the memorial?',
        [1, 0],
        'm',
        '2026-01-01T12:00:00.000Z',
      ),
      memory('answer', 'They were awestruck.', [0, 1], 'm', '2026-01-01T12:00:05.000Z'),
      memory('elsewhere', 'They were tired.', [0, 1], 'm', '2026-01-03T09:00:00.000Z'),
    ];
    const ranked = rankHybrid(
      turns,
      { vector: Float32Array.from([1, 0]), model: 'm', terms: keywordTerms('memorial kids') },
      termsOf,
      { ...options, threshold: 0 },
    );
    expect(ranked.map((r) => [r.id, r.score])).toEqual([
      ['asked', 1],
      ['answer', 0.5],
      ['elsewhere', 0],
    ]);
    const alone = rankHybrid(
      turns,
      { vector: Float32Array.from([1, 0]), model: 'm', terms: keywordTerms('memorial kids') },
      termsOf,
      { ...options, threshold: 0, context: false },
    );
    expect(alone.map((r) => r.score)).toEqual([1, 0, 0]);
  });

  it('ranks by BM25 alone for a keyword search, dropping memories without a query term', () => {
    const pool = [
      memory('near', 'Enjoys spicy food', [1, 0]),
      memory('once', 'Drove to a Sichuan restaurant', [0.8, 0.6]),
      memory('twice', 'Sichuan pepper, Sichuan hotpot', [0.6, 0.8]),
      memory('far', 'Sichuan opera tickets', [0.05, 1]),
    ];
    const query = { vector: Float32Array.from([1, 0]), model: 'm', terms: keywordTerms('sichuan') };
    const hybrid = rankHybrid(pool, query, termsOf, { ...options, threshold: 0 });
    expect(hybrid[0].id).toBe('once');
    const keyword = rankHybrid(pool, query, termsOf, {
      ...options,
      threshold: 0,
      keywordOnly: true,
    });
    expect(keyword.map((r) => r.id)).toEqual(['twice', 'once', 'far']);
    expect(keyword[0].score).toBe(1);
    expect(keyword[1].score).toBeGreaterThan(0);
    expect(keyword[1].score).toBeLessThan(1);
    expect(keyword[0].scoreDetails).toMatchObject({ bm25Score: 1, maxPossibleScore: 1 });
    // The threshold still gates the semantic score.
    const gated = rankHybrid(pool, query, termsOf, { ...options, keywordOnly: true });
    expect(gated.map((r) => r.id)).toEqual(['twice', 'once']);
  });

  it('stops scoring with a timeout once the caller deadline has passed', () => {
    const query = { vector: Float32Array.from([1, 0]), model: 'm', terms: [] };
    const late = { ...options, deadline: Date.now() - 1 };
    expect(() => rankHybrid(candidates, query, termsOf, late)).toThrow(
      expect.objectContaining({ code: 'timeout', message: 'The search ran past its deadline.' }),
    );
    const inTime = { ...options, deadline: Date.now() + 60_000 };
    expect(rankHybrid(candidates, query, termsOf, inTime)).toHaveLength(3);
  });
});

describe(rankHybridYielding.name, () => {
  const topics = ['sailing', 'baking', 'chess', 'cycling', 'opera', 'hiking', 'pottery'];
  const many = Array.from({ length: 5000 }, (_, n) => {
    const angle = (n * 7919) % 6283;
    const createdAt = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
    const text = `Went ${topics[n % topics.length]} on day ${n % 97}`;
    return memory(
      `m${String(n).padStart(5, '0')}`,
      text,
      [Math.cos(angle / 1000), Math.sin(angle / 1000)],
      'm',
      createdAt,
    );
  });
  const query = {
    vector: Float32Array.from([0.6, 0.8]),
    model: 'm',
    terms: keywordTerms('chess day 12'),
  };

  it('ranks exactly as rankHybrid does, context and ties included', async () => {
    for (const fusion of ['minmax', 'mem0'] as const) {
      const settings = { ...options, fusion, threshold: 0, topK: 25 };
      const expected = rankHybrid(many, query, termsOf, settings);
      expect(expected).toHaveLength(25);
      expect(await rankHybridYielding(many, query, termsOf, settings)).toEqual(expected);
    }
  });

  it('lets other work run while it ranks a large set', async () => {
    const order: string[] = [];
    const ranking = rankHybridYielding(many, query, termsOf, options).then(() =>
      order.push('ranked'),
    );
    setImmediate(() => order.push('other request'));
    await ranking;
    expect(order).toEqual(['other request', 'ranked']);
  });
});
