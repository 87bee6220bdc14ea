import type { MemoryRecord } from '@mnemo/contracts';
import type { StoredMemory } from '../memories/memory.row';
import { cosine } from './hybrid-ranking';
import { VectorBlock, vectorBlockMinRows } from './vector-block';

function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function memories(random: () => number, count: number, dims: number): StoredMemory[] {
  return Array.from({ length: count }, (_, i) => ({
    record: { id: `m${i}` } as MemoryRecord,
    embedding: Float32Array.from({ length: dims }, () => random() * 2 - 1),
    embeddingModel: 'm',
  }));
}

describe(VectorBlock.name, () => {
  it('scores every row as max(0, cosine) does, within float32 rounding, over any slice', () => {
    const random = seeded(13);
    for (const [dims, count] of [
      [4, 150],
      [6, 150],
      [100, 150],
      [1536, 150],
      // more than one chunk of 1,024 rows
      [8, 2500],
    ]) {
      const set = memories(random, count, dims);
      const originals = set.map((memory) => memory.embedding);
      const block = VectorBlock.adopt(set)!;
      expect(block).toBeDefined();
      // The memories now hold views into the block, with the values they had.
      set.forEach((memory, i) => {
        expect(memory.embedding).not.toBe(originals[i]);
        expect(memory.embedding).toEqual(originals[i]);
      });
      const query = Float32Array.from({ length: dims }, () => random() * 2 - 1);
      const expected = originals.map((vector) => Math.max(0, cosine(vector, query)));
      const scores = new Float64Array(set.length).fill(-1);
      block.score(query, scores, 0, 40);
      block.score(query, scores, 40, 1024);
      block.score(query, scores, 1024, 3000);
      // Vectors of up to 1,536 components in [-1, 1]: a dot product of up to ~1,500 in magnitude.
      const tolerance = 1e-6 * Math.max(1, dims);
      scores.forEach((score, i) => expect(Math.abs(score - expected[i])).toBeLessThan(tolerance));
      expect(Array.from(scores).some((score) => score === 0)).toBe(true);
    }
  });

  it('scores a query that is a view into a larger buffer, and a last chunk of one row', () => {
    const random = seeded(23);
    const dims = 16;
    const set = memories(random, 1025, dims);
    const originals = set.map((memory) => memory.embedding);
    const block = VectorBlock.adopt(set)!;
    const backing = Float32Array.from({ length: 3 * dims }, () => random() * 2 - 1);
    const query = backing.subarray(dims, 2 * dims);
    const scores = new Float64Array(set.length).fill(-1);
    block.score(query, scores, 0, set.length);
    originals.forEach((vector, i) =>
      expect(Math.abs(scores[i] - Math.max(0, cosine(vector, query)))).toBeLessThan(1e-5),
    );
  });

  it('leaves small sets and mixed sizes to JavaScript, their vectors untouched', () => {
    const random = seeded(17);
    const small = memories(random, vectorBlockMinRows - 1, 8);
    const mixed = [...memories(random, vectorBlockMinRows, 8), ...memories(random, 1, 12)];
    for (const set of [small, mixed, []]) {
      const before = set.map((memory) => memory.embedding);
      expect(VectorBlock.adopt(set)).toBeUndefined();
      set.forEach((memory, i) => expect(memory.embedding).toBe(before[i]));
    }
  });

  it('rejects a query of another size', () => {
    const block = VectorBlock.adopt(memories(seeded(19), vectorBlockMinRows, 8))!;
    expect(() => block.score(new Float32Array(4), new Float64Array(64), 0, 64)).toThrow(
      'a 4-d query for 8-d rows',
    );
  });
});
