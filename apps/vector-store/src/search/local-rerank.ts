import type { ScoredMemory } from '@mnemo/contracts';
import { positionalTerms } from './keyword-scoring';

/** How many of the best first-stage candidates `rerank: true` reorders offline (at least top_k). */
export const localRerankDepth = 50;

/** Share of the final score the second stage decides; the rest stays the first stage's. */
const secondStageWeight = 0.5;

// Holding the query's terms counts most; their order (phrases) and nearness refine it.
const weights = { coverage: 0.4, phrase: 0.35, proximity: 0.25 };

/**
 * The second stage of `rerank: true` without an LLM: each candidate's first-stage (fused) score
 * blended with `phraseProximityScore` of its terms, best first; ties keep the first-stage order.
 * Scores stay in [0,1]. A query without keyword terms leaves the ranking as it is. Terms are
 * taken in text order (`positionalTerms`), a few dozen short texts: cheaper than a cache lookup's keep.
 */
export function localRerank(ranked: ScoredMemory[], queryText: string): ScoredMemory[] {
  const query = positionalTerms(queryText);
  if (query.length === 0) return ranked;
  const rescored = ranked.map((memory, order) => {
    const terms = positionalTerms(memory.memory);
    const second = phraseProximityScore(query, terms);
    const score = (1 - secondStageWeight) * memory.score + secondStageWeight * second;
    return { memory, order, score };
  });
  rescored.sort((a, b) => b.score - a.score || a.order - b.order);
  return rescored.map(({ memory, score }) => {
    const details = memory.scoreDetails && { ...memory.scoreDetails, finalScore: score };
    return { ...memory, score, ...(details ? { scoreDetails: details } : {}) };
  });
}

/**
 * How well a memory's terms match the query's beyond bag-of-words, in [0,1]: the share of the
 * distinct query terms it holds, the share of the query's adjacent term pairs it holds side by
 * side in the same order (exact phrases), and how tightly the held terms sit (their count over the
 * shortest window of the memory holding them all). A one-term query scores by presence alone.
 */
export function phraseProximityScore(query: string[], document: string[]): number {
  const distinct = [...new Set(query)];
  if (distinct.length === 0) return 0;
  const present = new Set(document);
  const held = distinct.filter((term) => present.has(term));
  const coverage = held.length / distinct.length;
  if (distinct.length === 1) return coverage;
  const pairs = queryPairs(query);
  const phrase = pairs.length === 0 ? coverage : adjacentShare(pairs, document);
  const proximity = held.length < 2 ? 0 : held.length / shortestWindow(held, document);
  return weights.coverage * coverage + weights.phrase * phrase + weights.proximity * proximity;
}

/** The query's adjacent pairs of two different terms, each once. */
function queryPairs(query: string[]): string[] {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < query.length; i++) {
    if (query[i] !== query[i + 1]) pairs.add(pairKey(query[i], query[i + 1]));
  }
  return [...pairs];
}

function adjacentShare(pairs: string[], document: string[]): number {
  const adjacent = new Set<string>();
  for (let i = 0; i + 1 < document.length; i++) adjacent.add(pairKey(document[i], document[i + 1]));
  return pairs.filter((pair) => adjacent.has(pair)).length / pairs.length;
}

function pairKey(a: string, b: string): string {
  return `${a}\u0000${b}`;
}

/** Length (in terms) of the shortest stretch of the document holding every one of `terms`. */
export function shortestWindow(terms: string[], document: string[]): number {
  const wanted = new Map(terms.map((term, index) => [term, index]));
  const inWindow = new Uint32Array(terms.length);
  let covered = 0;
  let best = Infinity;
  let start = 0;
  for (let end = 0; end < document.length; end++) {
    const entering = wanted.get(document[end]);
    if (entering === undefined) continue;
    if (inWindow[entering]++ === 0) covered += 1;
    for (; covered === terms.length; start++) {
      const leaving = wanted.get(document[start]);
      if (leaving === undefined) continue;
      best = Math.min(best, end - start + 1);
      if (--inWindow[leaving] === 0) covered -= 1;
    }
  }
  return best;
}
