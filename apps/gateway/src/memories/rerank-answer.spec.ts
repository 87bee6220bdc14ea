import type { ScoredMemory } from '@mnemo/contracts';
import { applyRerankScores, parseRerankScores, rerankPrompt } from './rerank-answer';

const scoresOf = (answer: string, count: number) => {
  const scores = parseRerankScores(answer, count);
  return scores && Array.from(scores);
};

describe(parseRerankScores.name, () => {
  it('reads a list of scores in the order given, on the 0-10 scale', () => {
    expect(scoresOf('{"scores": [10, 0, 7]}', 3)).toEqual([1, 0, 0.7]);
    expect(scoresOf('[3, "8"]', 2)).toEqual([0.3, 0.8]);
  });

  it('reads id-score pairs and maps of ids, in any order', () => {
    expect(
      scoresOf('{"scores": [{"id": 1, "score": 9}, {"index": "0", "relevance": 2.5}]}', 2),
    ).toEqual([0.25, 0.9]);
    expect(scoresOf('{"0": 4, "1": 6}', 2)).toEqual([0.4, 0.6]);
    expect(scoresOf('{"scores": {"1": 5, "0": 1}}', 2)).toEqual([0.1, 0.5]);
  });

  it('skips reasoning, code fences and prose around the JSON', () => {
    const answer = '<think>memory 1 is {the one}</think>\nSure!\n```json\n{"scores":[2,9]}\n```';
    expect(scoresOf(answer, 2)).toEqual([0.2, 0.9]);
  });

  it('leaves unusable entries unscored, and keeps an answer scoring at least half', () => {
    const scores = scoresOf(
      '{"scores": [{"id": 0, "score": 8}, {"id": 7, "score": 9}, {"id": 1, "score": 11}, {"id": 0, "score": 1}]}',
      2,
    );
    expect(scores?.[0]).toBe(0.8);
    expect(Number.isNaN(scores?.[1])).toBe(true);
  });

  it.each([
    ['no JSON at all', 'Memory 2 is the most relevant.', 3],
    ['broken JSON', '{"scores": [1, 2,', 3],
    ['a list of another length', '{"scores": [9, 1]}', 3],
    ['fewer than half scored', '{"scores": [{"id": 0, "score": 5}]}', 3],
    ['scores off the scale', '{"scores": [-1, 42, "high"]}', 3],
    ['an object without scores', '{"answer": "memory 0"}', 2],
    ['an empty answer', '', 1],
  ])('refuses %s', (_case, answer, count) => {
    expect(parseRerankScores(answer, count)).toBeUndefined();
  });
});

function found(id: string, score: number): ScoredMemory {
  return {
    id,
    memory: `memory ${id}`,
    score,
    scoreDetails: {
      semanticScore: 0.4,
      bm25Score: 0.2,
      entityBoost: 0,
      rawScore: score,
      maxPossibleScore: 1,
      finalScore: score,
      threshold: 0.1,
    },
  } as ScoredMemory;
}

describe(applyRerankScores.name, () => {
  const fused = [found('a', 0.9), found('b', 0.8), found('c', 0.7), found('d', 0.6)];

  it('orders the judged memories by their scores, ties and unscored ones in fused order', () => {
    const reranked = applyRerankScores(fused.slice(0, 3), Float64Array.from([0.2, NaN, 0.2]));
    expect(reranked.map((m) => [m.id, m.score])).toEqual([
      ['a', 0.2],
      ['c', 0.2],
      ['b', 0],
    ]);
    expect(reranked[0].scoreDetails).toMatchObject({ finalScore: 0.2, rawScore: 0.9 });
  });

  it('keeps memories past the judged ones in fused order, their scores capped', () => {
    const reranked = applyRerankScores(fused, Float64Array.from([0.1, 0.95]));
    expect(reranked.map((m) => [m.id, m.score])).toEqual([
      ['b', 0.95],
      ['a', 0.1],
      ['c', 0.1],
      ['d', 0.1],
    ]);
  });
});

describe(rerankPrompt.name, () => {
  it('numbers the memories on one line each and asks for JSON scores', () => {
    const [system, user] = rerankPrompt('where do I\nlive?', [
      { ...found('a', 1), memory: 'Lives in\n  Hangzhou' },
      { ...found('b', 1), memory: 'x'.repeat(700) },
    ]);
    expect(system.content).toContain('{"scores": [');
    expect(user.content).toBe(
      `Query: where do I live?\n\nMemories:\n0. Lives in Hangzhou\n1. ${'x'.repeat(600)}…`,
    );
  });
});
