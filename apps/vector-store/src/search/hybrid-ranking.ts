import type { ScoredMemory } from '@mnemo/contracts';
import type { StoredMemory } from '../memories/memory.row';
import { bm25Scores, type Bm25Corpus } from './keyword-scoring';
import { defaultContextOptions, neighbourContext } from './context-ranking';
import { assertBeforeDeadline } from './search-deadline';

export type FusionMode = 'minmax' | 'mem0';

export interface RankingOptions {
  topK: number;
  /** gates the raw semantic score, before fusion, as Mem0 does */
  threshold: number;
  explain: boolean;
  fusion: FusionMode;
  semanticWeight: number;
  keywordWeight: number;
  /** epoch ms past which scoring stops with a timeout */
  deadline?: number;
  /** BM25 statistics of the whole scope when the candidates are only the ones that can rank */
  keywordCorpus?: Bm25Corpus;
  /** false: no context from the memories written next to each (default: on over a whole set) */
  context?: boolean;
}

export interface RankingQuery {
  vector: Float32Array;
  model: string;
  terms: string[];
}

/** Dot product of unit vectors, i.e. cosine similarity. */
export function cosine(a: Float32Array, b: Float32Array): number {
  const length = Math.min(a.length, b.length);
  let sum = 0;
  for (let i = 0; i < length; i++) sum += a[i] * b[i];
  return sum;
}

/**
 * Semantic and keyword (BM25) scores fused into one [0,1] score. `minmax` normalises both over the
 * candidate set and takes their weighted mean (the better fit for averaged word vectors); `mem0`
 * adds the raw cosine to a sigmoid-squashed BM25, as Mem0's v3 scoring does.
 */
export function rankHybrid<T extends StoredMemory>(
  candidates: T[],
  query: RankingQuery,
  termsOf: (memory: T) => string[],
  options: RankingOptions,
): ScoredMemory[] {
  // Vectors of another model (or size) are not comparable with this query.
  const comparable = candidates.filter(
    (c) => c.embeddingModel === query.model && c.embedding.length === query.vector.length,
  );
  const semantic = semanticScores(comparable, query.vector, options.deadline);
  const keyword = bm25Scores(
    query.terms,
    comparable.map(termsOf),
    undefined,
    options.keywordCorpus,
  );
  const fuse =
    options.fusion === 'minmax'
      ? minMaxFusion(semantic, keyword, options)
      : mem0Fusion(keyword, query.terms.length);
  // Scores first, objects only for the top K: a large scope allocates nothing per candidate.
  const fused = semantic.map((value, index) => fuse(value, keyword[index]));
  const final = withContext(comparable, fused, options);
  const passing = comparable.flatMap((_, index) =>
    semantic[index] < options.threshold ? [] : [index],
  );
  // Ties (common with two candidates, where min-max gives 1 and 0) go to keyword evidence, then
  // to the id, so the order never depends on the order candidates arrived in.
  passing.sort(
    (a, b) =>
      final[b] - final[a] ||
      fused[b].keywordPart - fused[a].keywordPart ||
      semantic[b] - semantic[a] ||
      byId(comparable[a], comparable[b]),
  );
  return passing.slice(0, options.topK).map((index) => {
    const { score, keywordPart, maxPossible } = fused[index];
    const item: ScoredMemory = { ...comparable[index].record, score: final[index] };
    if (options.explain) {
      item.scoreDetails = {
        semanticScore: semantic[index],
        bm25Score: keywordPart,
        entityBoost: 0,
        rawScore: score * maxPossible,
        maxPossibleScore: maxPossible,
        finalScore: final[index],
        threshold: options.threshold,
      };
    }
    return item;
  });
}

/**
 * Fused scores raised by the context of the memories written next to each (context-ranking.ts),
 * toward 1 and never past it. Only over a whole set: a subset of candidates (the ANN path) lacks
 * the neighbours, so its scores stay the fused ones.
 */
function withContext(
  memories: StoredMemory[],
  fused: { score: number }[],
  options: RankingOptions,
) {
  const scores = Float64Array.from(fused, (f) => f.score);
  if (options.keywordCorpus || options.context === false) return scores;
  const seeds = bestIndices(memories, scores, defaultContextOptions.seeds);
  const context = neighbourContext(memories, scores, seeds);
  return scores.map((score, index) => score + (1 - score) * context[index]);
}

/** The `count` best-scored indices, best first, ties by id: O(n log count) for a large n. */
function bestIndices(memories: StoredMemory[], scores: Float64Array, count: number): number[] {
  const better = (a: number, b: number) => scores[b] - scores[a] || byId(memories[a], memories[b]);
  const best: number[] = [];
  for (let index = 0; index < scores.length; index++) {
    if (best.length === count && better(index, best[count - 1]) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (better(best[mid], index) < 0) low = mid + 1;
      else high = mid;
    }
    best.splice(low, 0, index);
    if (best.length > count) best.pop();
  }
  return best;
}

function byId(a: StoredMemory, b: StoredMemory): number {
  return a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0;
}

// Checks the deadline every 1024 candidates, so a huge scope stops soon after its caller gave up.
function semanticScores(
  candidates: StoredMemory[],
  vector: Float32Array,
  deadline: number | undefined,
): number[] {
  const scores = new Array<number>(candidates.length);
  for (let i = 0; i < candidates.length; i++) {
    if ((i & 1023) === 0) assertBeforeDeadline(deadline);
    scores[i] = Math.max(0, cosine(candidates[i].embedding, vector));
  }
  return scores;
}

type Fuse = (
  semantic: number,
  keyword: number,
) => { score: number; keywordPart: number; maxPossible: number };

function minMaxFusion(semantic: number[], keyword: number[], options: RankingOptions): Fuse {
  const normSemantic = minMax(semantic);
  const normKeyword = minMax(keyword);
  const anyKeyword = keyword.some((score) => score > 0);
  const maxPossible = options.semanticWeight + (anyKeyword ? options.keywordWeight : 0);
  return (s, k) => {
    const keywordPart = normKeyword(k);
    const raw =
      options.semanticWeight * normSemantic(s) +
      (anyKeyword ? options.keywordWeight * keywordPart : 0);
    return { score: maxPossible > 0 ? raw / maxPossible : 0, keywordPart, maxPossible };
  };
}

function minMax(values: number[]): (value: number) => number {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (values.length === 0 || max <= 0) return () => 0;
  if (max === min) return () => 1;
  return (value) => (value - min) / (max - min);
}

// Midpoint and steepness of the BM25 squash grow with the number of query terms (Mem0 v3).
function mem0Fusion(keyword: number[], termCount: number): Fuse {
  const [midpoint, steepness] =
    termCount <= 3
      ? [5, 0.7]
      : termCount <= 6
        ? [7, 0.6]
        : termCount <= 9
          ? [9, 0.5]
          : termCount <= 15
            ? [10, 0.5]
            : [12, 0.5];
  const anyKeyword = keyword.some((score) => score > 0);
  const maxPossible = anyKeyword ? 2 : 1;
  return (s, k) => {
    const keywordPart = k > 0 ? 1 / (1 + Math.exp(-steepness * (k - midpoint))) : 0;
    return { score: Math.min(1, (s + keywordPart) / maxPossible), keywordPart, maxPossible };
  };
}
