import type { MemoryRecord } from '@mnemo/contracts';
import type { StoredMemory } from '../memories/memory.row';
import { neighbourContext, writingOrder } from './context-ranking';

function written(id: string, at: string): StoredMemory {
  const record = { id, memory: id, hash: id, createdAt: at } as MemoryRecord;
  return { record, embedding: new Float32Array(1), embeddingModel: 'm' };
}

const minute = (m: number) => new Date(Date.UTC(2026, 0, 1, 12, m)).toISOString();
const order = (scores: number[]) => scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);

describe(neighbourContext.name, () => {
  it('passes half a score to the memories written next to it and a quarter to the next ones', () => {
    // Arrival order differs from writing order: context follows writing order.
    const memories = [3, 0, 4, 1, 2].map((m) => written(`m${m}`, minute(m)));
    const scores = [0, 0, 0, 0, 0.8];
    const context = neighbourContext(memories, scores, order(scores));
    expect(Array.from(context)).toEqual([0.4, 0.2, 0.2, 0.4, 0]);
  });

  it('keeps the best share per step and adds the two steps', () => {
    const memories = [0, 1, 2, 3].map((m) => written(`m${m}`, minute(m)));
    const scores = [0.8, 0, 0.4, 0];
    const context = neighbourContext(memories, scores, order(scores));
    expect(Array.from(context)).toEqual([0.1, 0.4 + 0, 0.2, 0.2]);
  });

  it('passes context past a nearer scored memory to the second step', () => {
    const memories = [0, 1, 2].map((m) => written(`m${m}`, minute(m)));
    const scores = [0.4, 0.4, 1];
    const context = neighbourContext(memories, scores, order(scores));
    expect(Array.from(context)).toEqual([0.2 + 0.25, 0.5 + 0, 0.2 + 0.1]);
  });

  it('links no memories written at the same instant or more than half an hour apart', () => {
    const memories = [written('a', minute(0)), written('b', minute(0)), written('c', minute(45))];
    const scores = [1, 0, 0];
    expect(Array.from(neighbourContext(memories, scores, order(scores)))).toEqual([0, 0, 0]);
  });

  it('gives what scanning every seed gives, with many memories written at one instant', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const n = 2 + Math.floor(random() * 60);
      // Few instants: batches written at once, as an import or a verbatim add of a chat leaves.
      const instants = 1 + Math.floor(random() * 8);
      const memories = Array.from({ length: n }, (_, i) =>
        written(
          `m${Math.floor(random() * 1000)}-${i}`,
          minute(Math.floor(random() * instants) * 7),
        ),
      );
      const scores = memories.map(() => (random() < 0.3 ? 0 : random()));
      const options = {
        weights: [0.5, 0.25] as const,
        windowMs: 20 * 60_000,
        seeds: 1 + Math.floor(random() * 12),
      };
      const actual = Array.from(neighbourContext(memories, scores, order(scores), options));
      const expected = scanEverySeed(memories, scores, order(scores), options);
      expect(actual.map((v) => v.toFixed(12))).toEqual(expected.map((v) => v.toFixed(12)));
      // The writing order a ranked set keeps gives the very same numbers.
      const kept = writingOrder(memories);
      expect(Array.from(neighbourContext(memories, scores, order(scores), options, kept))).toEqual(
        actual,
      );
    }
  });
});

/** The definition, in O(n x seeds): each seed's two nearest on each side in writing order. */
function scanEverySeed(
  memories: StoredMemory[],
  scores: number[],
  ranked: number[],
  options: { weights: readonly [number, number]; windowMs: number; seeds: number },
): number[] {
  const time = (i: number) => Date.parse(memories[i].record.createdAt);
  const key = (a: number, b: number) =>
    time(a) - time(b) || (memories[a].record.id < memories[b].record.id ? -1 : 1);
  const steps = [memories.map(() => 0), memories.map(() => 0)];
  for (const seed of ranked.slice(0, options.seeds).filter((i) => scores[i] > 0)) {
    const others = memories.map((_, i) => i);
    const after = others
      .filter((i) => time(i) > time(seed))
      .sort(key)
      .slice(0, 2);
    const before = others
      .filter((i) => time(i) < time(seed))
      .sort((a, b) => key(b, a))
      .slice(0, 2);
    for (const side of [before, after]) {
      side.forEach((i, step) => {
        if (Math.abs(time(i) - time(seed)) > options.windowMs) return;
        steps[step][i] = Math.max(steps[step][i], options.weights[step] * scores[seed]);
      });
    }
  }
  return memories.map((_, i) => steps[0][i] + steps[1][i]);
}
