import type { ScoredMemory } from '@mnemo/contracts';
import { positionalTerms } from './keyword-scoring';

/** How many of the best first-stage candidates `rerank: true` reorders offline (at least top_k). */
export const localRerankDepth = 50;

/** Share of the final score the second stage decides; the rest stays the first stage's. */
const secondStageWeight = 0.5;

// Exact phrases decide, nearness breaks near-ties. On LoCoMo (paraphrased questions) weighing
// nearness or the share of terms held more lifted short turns that merely repeat query words,
// which BM25 already rewards, over the answers.
const weights = { phrase: 0.9, proximity: 0.1 };

/**
 * The second stage of `rerank: true` without an LLM: each candidate's first-stage (fused) score
 * blended with `phraseProximityScore` of its terms in text order (`positionalTerms`, or what
 * `termsOf` has kept of them), best first; ties keep the first-stage order. Scores stay in
 * [0,1]. A query of fewer than two distinct terms has no phrase to look for: the ranking stays.
 */
export function localRerank(
  ranked: ScoredMemory[],
  queryText: string,
  termsOf: (memory: ScoredMemory) => string[] = (memory) => positionalTerms(memory.memory),
): ScoredMemory[] {
  const query = positionalTerms(queryText);
  if (new Set(query).size < 2) return ranked;
  const rescored = ranked.map((memory, order) => {
    const second = phraseProximityScore(query, termsOf(memory));
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
 * How well a memory's terms match the query's beyond bag-of-words, in [0,1]: mostly the share of
 * the query's adjacent term pairs it holds side by side in the same order (exact phrases), then
 * how tightly the query terms it holds sit (their count over the shortest window holding them
 * all), weighed by the share of the query they are. 0 for a query of one term.
 */
export function phraseProximityScore(query: string[], document: string[]): number {
  const distinct = [...new Set(query)];
  if (distinct.length < 2) return 0;
  const present = new Set(document);
  const held = distinct.filter((term) => present.has(term));
  if (held.length < 2) return 0;
  const phrase = adjacentShare(queryPairs(query), document);
  const proximity = held.length / shortestWindow(held, document);
  return weights.phrase * phrase + (weights.proximity * proximity * held.length) / distinct.length;
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
