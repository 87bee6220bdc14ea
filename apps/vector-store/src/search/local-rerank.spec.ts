import type { ScoredMemory } from '@mnemo/contracts';
import { positionalTerms } from './keyword-scoring';
import { localRerank, phraseProximityScore, shortestWindow } from './local-rerank';

const terms = positionalTerms;

function found(id: string, memory: string, score: number, explained = false): ScoredMemory {
  const item = { id, memory, hash: id, score } as ScoredMemory;
  if (explained) {
    item.scoreDetails = {
      semanticScore: 0.5,
      bm25Score: 0.5,
      entityBoost: 0,
      rawScore: score,
      maxPossibleScore: 1,
      finalScore: score,
      threshold: 0.1,
    };
  }
  return item;
}

describe(phraseProximityScore.name, () => {
  const query = terms('New York pizza');

  it('scores the exact phrase 1 and the same terms scattered far lower', () => {
    expect(phraseProximityScore(query, terms('I miss New York pizza'))).toBeCloseTo(1, 10);
    // No query pair side by side; the three terms within a window of four.
    const scattered = terms('Pizza night in York with new friends from work');
    expect(phraseProximityScore(query, scattered)).toBeCloseTo(0.1 * 0.75, 10);
  });

  it('counts the phrases held, and the terms in reverse order as near but no phrase', () => {
    // "new york" side by side, not "york pizza"; two of three terms, adjacent.
    const part = phraseProximityScore(query, terms('Moved to New York last year'));
    expect(part).toBeCloseTo(0.9 * 0.5 + (0.1 * 2) / 3, 10);
    expect(phraseProximityScore(query, terms('pizza York new'))).toBeCloseTo(0.1, 10);
  });

  it('scores 0 for a memory holding fewer than two query terms, and for a one-term query', () => {
    expect(phraseProximityScore(query, terms('Drives a red car'))).toBe(0);
    expect(phraseProximityScore(query, terms('Loves pizza'))).toBe(0);
    expect(phraseProximityScore(terms('pizza'), terms('Loves pizza'))).toBe(0);
    expect(phraseProximityScore([], terms('Loves pasta'))).toBe(0);
  });

  it('matches a Chinese phrase through its character pairs', () => {
    const zh = terms('川菜馆');
    const exact = phraseProximityScore(zh, terms('我想找一家川菜馆'));
    const apart = phraseProximityScore(zh, terms('菜很好吃，川西的馆子'));
    expect(exact).toBeCloseTo(1, 10);
    expect(apart).toBe(0);
  });
});

describe(shortestWindow.name, () => {
  it('finds the tightest stretch holding every term', () => {
    expect(shortestWindow(['a', 'b'], ['a', 'x', 'x', 'b', 'a'])).toBe(2);
    expect(shortestWindow(['a', 'b', 'c'], ['c', 'a', 'x', 'b', 'x', 'c', 'a', 'b'])).toBe(3);
    expect(shortestWindow(['a'], ['x', 'a'])).toBe(1);
  });
});

describe(localRerank.name, () => {
  const query = 'New York pizza';

  it('lifts the exact phrase over a better fused score on scattered terms', () => {
    const ranked = [
      found('scattered', 'Pizza night in York with new friends, pizza again', 0.9),
      found('phrase', 'I miss New York pizza', 0.7),
      found('other', 'Drives a red car', 0.6),
    ];
    const reranked = localRerank(ranked, query);
    expect(reranked.map((m) => m.id)).toEqual(['phrase', 'scattered', 'other']);
    expect(reranked[0].score).toBeCloseTo(0.5 * 0.7 + 0.5 * 1, 10);
    expect(reranked[2].score).toBeCloseTo(0.3, 10);
  });

  it('keeps scores in [0,1], best first, and the details final score in step', () => {
    const ranked = [
      found('a', 'New York pizza', 1, true),
      found('b', 'pizza', 0, true),
      found('c', 'York', 0.5, true),
    ];
    const reranked = localRerank(ranked, query);
    for (const item of reranked) {
      expect(item.score).toBeGreaterThanOrEqual(0);
      expect(item.score).toBeLessThanOrEqual(1);
      expect(item.scoreDetails?.finalScore).toBe(item.score);
      expect(item.scoreDetails?.rawScore).toBe(ranked.find((m) => m.id === item.id)?.score);
    }
    expect(reranked[0]).toMatchObject({ id: 'a', score: 1 });
    const scores = reranked.map((m) => m.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
  });

  it('keeps the first-stage order between equal scores', () => {
    const ranked = [found('x', 'Drives a car', 0.5), found('y', 'Rides a bike', 0.5)];
    expect(localRerank(ranked, query).map((m) => m.id)).toEqual(['x', 'y']);
  });

  it('leaves the ranking as it is for a query without two distinct terms', () => {
    const ranked = [found('x', 'Drives a car', 0.9), found('y', 'Loves pizza', 0.5)];
    expect(localRerank(ranked, 'pizza')).toBe(ranked);
    expect(localRerank(ranked, 'what is it')).toBe(ranked);
  });
});
