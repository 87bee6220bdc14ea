import type { ScoredMemory } from '@mnemo/contracts';
import type { StoredMemory } from '../memories/memory.row';
import { bm25Scores, type Bm25Corpus } from './keyword-scoring';
import { defaultContextOptions, neighbourContext, type WritingOrder } from './context-ranking';
import type { RankingSet } from './ranking-set';
import { assertBeforeDeadline } from './search-deadline';
import { topByScore, topIndices } from './top-indices';

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
  /** rank by BM25 alone (no semantic part, no context); memories without a query term drop out */
  keywordOnly?: boolean;
  /** the candidates' keyword postings and writing order, kept by the index: used when it holds
   * exactly the candidates, all comparable with the query */
  prepared?: RankingSet;
  /** each candidate's semantic score (negatives as 0) and BM25, in candidate order, when whoever
   * picked the candidates computed them as this ranking would (the ANN path, whose candidates
   * are all of the query's model) */
  scores?: CandidateScores;
}

export interface CandidateScores {
  semantic: Float64Array;
  keyword: Float64Array;
}

export interface RankingQuery {
  vector: Float32Array;
  model: string;
  terms: string[];
}

/**
 * Dot product of unit vectors, i.e. cosine similarity. Four running sums: independent additions
 * the CPU overlaps, where one sum waits on each addition before the next (the hot loop of an
 * exact ranking at 1,536 dimensions).
 */
export function cosine(a: Float32Array, b: Float32Array): number {
  return cosineAt(a, 0, b, Math.min(a.length, b.length));
}

/** `cosine` of the `length` values of `block` from `offset` with `b`: the same sums in order. */
export function cosineAt(block: Float32Array, offset: number, b: Float32Array, length: number) {
  const blocks = length - (length % 4);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < blocks; i += 4) {
    s0 += block[offset + i] * b[i];
    s1 += block[offset + i + 1] * b[i + 1];
    s2 += block[offset + i + 2] * b[i + 2];
    s3 += block[offset + i + 3] * b[i + 3];
  }
  for (let i = blocks; i < length; i++) s0 += block[offset + i] * b[i];
  return s0 + s1 + (s2 + s3);
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
  const steps = rankingSteps(candidates, query, termsOf, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `rankHybrid` that gives the event loop back between its passes and every `rankingSlice` candidates
 * of its longest one, so other requests (another tenant's small search) are served while a large
 * set is ranked, instead of waiting for the whole ranking.
 */
export async function rankHybridYielding<T extends StoredMemory>(
  candidates: T[],
  query: RankingQuery,
  termsOf: (memory: T) => string[],
  options: RankingOptions,
): Promise<ScoredMemory[]> {
  const steps = rankingSteps(candidates, query, termsOf, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Candidates scored between two yields of `rankHybridYielding` (about a millisecond of work). */
export const rankingSlice = 1024;

// The ranking as a generator: it yields where the yielding variant may give the loop back.
function* rankingSteps<T extends StoredMemory>(
  candidates: T[],
  query: RankingQuery,
  termsOf: (memory: T) => string[],
  options: RankingOptions,
): Generator<void, ScoredMemory[], void> {
  const prepared = preparedFor(candidates, query, options);
  const known = options.scores?.semantic.length === candidates.length ? options.scores : undefined;
  // Vectors of another model (or size) are not comparable with this query (a prepared set and
  // given scores hold comparable candidates only).
  const comparable =
    prepared || known
      ? candidates
      : candidates.filter(
          (c) => c.embeddingModel === query.model && c.embedding.length === query.vector.length,
        );
  const semantic = known?.semantic ?? new Float64Array(comparable.length);
  for (let start = 0; !known && start < comparable.length; start += rankingSlice) {
    // Past the caller's deadline the search stops, so a huge scope ends soon after it gave up.
    assertBeforeDeadline(options.deadline);
    if (prepared?.vectors)
      prepared.vectors.score(query.vector, semantic, start, start + rankingSlice);
    else semanticScores(comparable, query.vector, semantic, start, start + rankingSlice);
    yield;
  }
  const keyword = known
    ? known.keyword
    : prepared
      ? prepared.bm25(query.terms)
      : bm25Scores(query.terms, comparable.map(termsOf), undefined, options.keywordCorpus);
  yield;
  const fuse = fusionOf(semantic, keyword, query.terms.length, options);
  // Scores in typed arrays, objects only for the top K: a large scope allocates little per search.
  const n = comparable.length;
  const fusedScores = new Float64Array(n);
  const keywordParts = new Float64Array(n);
  fuse.fill(semantic, keyword, fusedScores, keywordParts);
  yield;
  const final = withContext(comparable, fusedScores, options, prepared?.written);
  yield;
  // Ties (common with two candidates, where min-max gives 1 and 0) go to keyword evidence, then
  // to the id, so the order never depends on the order candidates arrived in.
  const better = (a: number, b: number) =>
    final[b] - final[a] ||
    keywordParts[b] - keywordParts[a] ||
    semantic[b] - semantic[a] ||
    byId(comparable[a], comparable[b]);
  // The threshold gates the semantic score whatever ranks, as Mem0's does.
  const keep = options.keywordOnly
    ? (index: number) => semantic[index] >= options.threshold && keyword[index] > 0
    : (index: number) => semantic[index] >= options.threshold;
  const top = topIndices(n, options.topK, better, keep, final);
  return top.map((index) => {
    const item: ScoredMemory = { ...comparable[index].record, score: final[index] };
    if (options.explain) {
      item.scoreDetails = {
        semanticScore: semantic[index],
        bm25Score: keywordParts[index],
        entityBoost: 0,
        rawScore: fusedScores[index] * fuse.maxPossible,
        maxPossibleScore: fuse.maxPossible,
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
  fused: Float64Array,
  options: RankingOptions,
  written: WritingOrder | undefined,
) {
  if (options.keywordCorpus || options.context === false || options.keywordOnly) return fused;
  const better = (a: number, b: number) => fused[b] - fused[a] || byId(memories[a], memories[b]);
  const seeds = topByScore(fused, defaultContextOptions.seeds, better);
  const context = neighbourContext(memories, fused, seeds, defaultContextOptions, written);
  return fused.map((score, index) => score + (1 - score) * context[index]);
}

/** The index's precomputed set, when it is exactly these candidates and all are comparable. */
function preparedFor(
  candidates: StoredMemory[],
  query: RankingQuery,
  options: RankingOptions,
): RankingSet | undefined {
  const prepared = options.prepared;
  if (!prepared || prepared.memories !== candidates || options.keywordCorpus) return undefined;
  return prepared.comparableWith(query.model, query.vector.length) ? prepared : undefined;
}

function byId(a: StoredMemory, b: StoredMemory): number {
  return a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0;
}

/** Cosine of the query with the candidates in [start, end), into `scores`; negatives count 0. */
function semanticScores(
  candidates: StoredMemory[],
  vector: Float32Array,
  scores: Float64Array,
  start: number,
  end: number,
): void {
  for (let i = start; i < Math.min(end, candidates.length); i++) {
    scores[i] = Math.max(0, cosine(candidates[i].embedding, vector));
  }
}

/**
 * How the ranking fuses one candidate's semantic and BM25 scores, given the scores of the whole
 * set (min-max takes its bounds from them): monotonic in both, so an upper bound of each gives an
 * upper bound of the fused score.
 */
export function fusionOf(
  semantic: ArrayLike<number>,
  keyword: ArrayLike<number>,
  termCount: number,
  options: Pick<RankingOptions, 'fusion' | 'semanticWeight' | 'keywordWeight' | 'keywordOnly'>,
): Fuse {
  if (options.keywordOnly) return keywordOnlyFusion(keyword);
  return options.fusion === 'minmax'
    ? minMaxFusion(semantic, keyword, options)
    : mem0Fusion(keyword, termCount);
}

/** How one candidate's semantic and BM25 scores become its fused score. */
export interface Fuse {
  score: (semantic: number, keyword: number) => number;
  /** the keyword evidence as it enters the fused score (explain's `bm25Score`) */
  keywordPart: (keyword: number) => number;
  /** what a candidate perfect on every side would get before the division to [0,1] */
  maxPossible: number;
  /** `score` and `keywordPart` of every candidate at once, into `fused` and `keywordParts` */
  fill: (
    semantic: ArrayLike<number>,
    keyword: ArrayLike<number>,
    fused: Float64Array,
    keywordParts: Float64Array,
  ) => void;
}

function minMaxFusion(
  semantic: ArrayLike<number>,
  keyword: ArrayLike<number>,
  options: Pick<RankingOptions, 'semanticWeight' | 'keywordWeight'>,
): Fuse {
  const sb = linearOf(semantic);
  const kb = linearOf(keyword);
  const normSemantic = normaliser(sb);
  const normKeyword = normaliser(kb);
  const anyKeyword = some(keyword, (score) => score > 0);
  const { semanticWeight, keywordWeight } = options;
  const maxPossible = semanticWeight + (anyKeyword ? keywordWeight : 0);
  const score = (s: number, k: number) => {
    if (maxPossible <= 0) return 0;
    const raw =
      semanticWeight * normSemantic(s) + (anyKeyword ? keywordWeight * normKeyword(k) : 0);
    return raw / maxPossible;
  };
  return {
    score,
    keywordPart: normKeyword,
    maxPossible,
    // The same arithmetic, the closures inlined by hand: a call each per candidate is most of
    // the fusion's time over a large set.
    fill: (semanticScores, keywordScores, fused, keywordParts) => {
      for (let index = 0; index < fused.length; index++) {
        const part = kb.constant ?? (keywordScores[index] - kb.min) / (kb.max - kb.min);
        keywordParts[index] = part;
        if (maxPossible <= 0) {
          fused[index] = 0;
          continue;
        }
        const semanticPart = sb.constant ?? (semanticScores[index] - sb.min) / (sb.max - sb.min);
        fused[index] =
          (semanticWeight * semanticPart + (anyKeyword ? keywordWeight * part : 0)) / maxPossible;
      }
    },
  };
}

/** What `score` and `keywordPart` give each candidate, one call each (the general `fill`). */
function fillEach(fuse: Pick<Fuse, 'score' | 'keywordPart'>): Fuse['fill'] {
  return (semantic, keyword, fused, keywordParts) => {
    for (let index = 0; index < fused.length; index++) {
      fused[index] = fuse.score(semantic[index], keyword[index]);
      keywordParts[index] = fuse.keywordPart(keyword[index]);
    }
  };
}

function some(values: ArrayLike<number>, test: (value: number) => boolean): boolean {
  for (let index = 0; index < values.length; index++) if (test(values[index])) return true;
  return false;
}

function normaliser({ min, max, constant }: Linear): (value: number) => number {
  if (constant !== undefined) return () => constant;
  return (value) => (value - min) / (max - min);
}

interface Linear {
  min: number;
  max: number;
  constant?: number;
}

/** The bounds of min-max normalisation, or the value every score gets (no spread, none > 0). */
function linearOf(values: ArrayLike<number>): Linear {
  let min = Infinity;
  let max = -Infinity;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (values.length === 0 || max <= 0) return { min, max, constant: 0 };
  if (max === min) return { min, max, constant: 1 };
  return { min, max };
}

/** BM25 alone, as a share of the best candidate's: the best keyword match scores 1. */
function keywordOnlyFusion(keyword: ArrayLike<number>): Fuse {
  let max = 0;
  for (let index = 0; index < keyword.length; index++) max = Math.max(max, keyword[index]);
  const share = (k: number) => (max > 0 ? k / max : 0);
  const fuse = { score: (_s: number, k: number) => share(k), keywordPart: share, maxPossible: 1 };
  return { ...fuse, fill: fillEach(fuse) };
}

// Midpoint and steepness of the BM25 squash grow with the number of query terms (Mem0 v3).
function mem0Fusion(keyword: ArrayLike<number>, termCount: number): Fuse {
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
  const anyKeyword = some(keyword, (score) => score > 0);
  const maxPossible = anyKeyword ? 2 : 1;
  const keywordPart = (k: number) => (k > 0 ? 1 / (1 + Math.exp(-steepness * (k - midpoint))) : 0);
  const fuse = {
    score: (s: number, k: number) => Math.min(1, (s + keywordPart(k)) / maxPossible),
    keywordPart,
    maxPossible,
  };
  return { ...fuse, fill: fillEach(fuse) };
}
