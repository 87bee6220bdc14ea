import type { MemoryRecord } from '@mnemo/contracts';
import type { StoredMemory } from '../memories/memory.row';
import { neighbourContext } from './context-ranking';

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
});
