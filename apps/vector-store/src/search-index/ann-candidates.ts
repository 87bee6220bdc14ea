import { fusionOf, type CandidateScores, type RankingOptions } from '../search/hybrid-ranking';
import type { Bm25Corpus } from '../search/keyword-scoring';
import type { AnnScope } from './ann-scope';
import type { KeywordSearch } from './keyword-postings';
import type { IndexedMemory, ScopeIndex } from './scope-index';

export interface AnnQuery {
  vector: Float32Array;
  terms: string[];
  topK: number;
}

/** How the candidates will be ranked: the fusion, its weights and the semantic threshold. */
export type AnnRanking = Pick<
  RankingOptions,
  'fusion' | 'semanticWeight' | 'keywordWeight' | 'threshold' | 'keywordOnly'
>;

/**
 * What the exact fused ranking is run on, the BM25 statistics of the set it stands for, and each
 * candidate's semantic score (negatives as 0) and BM25, as the ranking would compute them.
 */
export interface AnnCandidates {
  memories: IndexedMemory[];
  corpus: Bm25Corpus;
  scores: CandidateScores;
}

interface Scores {
  semantic: number;
  keyword: number;
}

// A narrowed search over-fetches by the filter's selectivity, up to this many times `candidates`.
const maxOverFetch = 20;

/**
 * The candidates that can reach the top of the fused ranking of the whole set (the scope, or the
 * `allowed` memories of it): the graph's nearest `candidates`, the memories holding a query term
 * that no `topK` of the nearest beat on keywords, the farthest memory found (`FarthestMemories`,
 * or with a filter the graph's farthest admitted one) and one without any query term. A memory
 * left out scores no higher than `topK` nearest ones on both the semantic and the keyword side,
 * so the fusion (monotonic in both) ranks it below them. The last two keep the min-max
 * normalisation's bounds those of the whole set, and the BM25 statistics are the whole set's, so
 * the fused scores are the ones a full scan computes. `undefined`: answer exactly (a narrow
 * filter left too few of the over-fetched neighbours).
 */
export function annCandidates(
  scope: ScopeIndex,
  ann: AnnScope,
  query: AnnQuery,
  candidates: number,
  ranking: AnnRanking,
  allowed?: IndexedMemory[],
): AnnCandidates | undefined {
  const wanted = Math.max(candidates, 4 * query.topK);
  const allowedIds = allowed && new Set(allowed.map((m) => m.record.id));
  const { postings, vectors } = ann;
  const admits = (slot: number) => !allowedIds || allowedIds.has(postings.item(slot).record.id);
  const setSize = allowed?.length ?? ann.graph.size;
  const fetch = Math.min(
    ann.graph.size,
    Math.ceil((wanted * ann.graph.size) / Math.max(1, setSize)),
    maxOverFetch * wanted,
  );
  const nearest = ann.graph.nearest(query.vector, fetch).filter(admits);
  if (nearest.length < Math.min(setSize, wanted) / 2) return undefined;
  const semanticOf = (slot: number) => Math.max(0, vectors.cosine(slot, query.vector));
  // Unfiltered, the scope's far points will do; a filter needs as many of the graph's farthest as
  // it fetched nearest to find an admitted one.
  const farthest = allowedIds
    ? ann.graph.nearest(negated(query.vector), fetch).find(admits)
    : ann.farthest.farthest(
        semanticOf,
        (slot) => postings.holdsSlot(slot),
        () => ann.graph.nearest(negated(query.vector), 1)[0],
      );
  if (farthest === undefined) return undefined;
  const corpus = allowedIds
    ? postings.corpus({ ids: allowedIds, totalTerms: sumTerms(allowed ?? []) })
    : postings.corpus();
  const keyword = postings.search(query.terms, corpus, allowedIds);
  // Each candidate (by slot) with its scores, in the order chosen.
  const chosen = new Map<number, Scores>();
  const choose = (slot: number, keywordScore?: number) => {
    if (chosen.has(slot)) return;
    chosen.set(slot, { semantic: semanticOf(slot), keyword: keywordScore ?? keyword.of(slot) });
  };
  nearest.forEach((slot) => choose(slot));
  choose(farthest);
  const graph = {
    nearest: nearest.map((slot) => chosen.get(slot)!),
    farthest: chosen.get(farthest)!,
  };
  for (const contender of keywordContenders(graph, keyword, query, ranking, chosen, semanticOf)) {
    chosen.set(contender.slot, contender);
  }
  if (query.terms.length > 0 && ![...chosen.values()].some((scores) => scores.keyword === 0)) {
    const plain = withoutTerms(allowed ?? scope.memories.values(), query.terms);
    const slot = plain && postings.slotOf(plain.record.id);
    if (slot !== undefined) choose(slot, 0);
  }
  const memories: IndexedMemory[] = [];
  const scores = {
    semantic: new Float64Array(chosen.size),
    keyword: new Float64Array(chosen.size),
  };
  for (const [slot, known] of chosen) {
    scores.semantic[memories.length] = known.semantic;
    scores.keyword[memories.length] = known.keyword;
    memories.push(postings.item(slot));
  }
  return { memories, corpus, scores };
}

/**
 * The holders of a query term that can reach the `topK`-th best fused score. A memory the graph
 * did not return is no nearer the query than its last nearest, so it needs more BM25 than `topK`
 * of the nearest have, and, fused with that last semantic score and then with its own, at least
 * the `topK`-th best fused score among the candidates kept so far (the nearest, then each
 * contender kept). Fused with min-max bounds from the graph's nearest, the farthest found and
 * the best BM25 (the whole set's, up to the graph's approximation); the best keyword holder
 * always stays, so the candidates keep that maximum. Holders are taken in falling BM25 order,
 * so the fused bar rises as contenders are kept and the first holder that cannot pass it, even
 * as near as the last nearest, ends the list: most holders of a common term never have their
 * vector read.
 */
function keywordContenders(
  graph: { nearest: Scores[]; farthest: Scores },
  keyword: KeywordSearch,
  query: AnnQuery,
  ranking: AnnRanking,
  chosen: Map<number, Scores>,
  semanticOf: (slot: number) => number,
): (Scores & { slot: number })[] {
  const best = keyword.best();
  if (!best) return [];
  const nearKeyword = graph.nearest.map((scores) => scores.keyword);
  const bar = [...nearKeyword].sort((a, b) => b - a)[query.topK - 1] ?? -Infinity;
  const nearSemantic = graph.nearest.map((scores) => scores.semantic);
  const fuse = fusionOf(
    [graph.farthest.semantic, ...nearSemantic],
    [0, best.score],
    query.terms.length,
    ranking,
  ).score;
  // The `topK` best fused scores of the candidates kept so far: a holder below them cannot rank.
  const top = new TopScores(query.topK);
  nearSemantic.forEach((s, i) => s >= ranking.threshold && top.add(fuse(s, nearKeyword[i])));
  const ceiling = Math.min(...nearSemantic);
  const contenders: (Scores & { slot: number })[] = [];
  const keep = (slot: number, semantic: number, score: number) => {
    if (semantic >= ranking.threshold) top.add(fuse(semantic, score));
    contenders.push({ slot, semantic, keyword: score });
  };
  if (!chosen.has(best.slot)) keep(best.slot, semanticOf(best.slot), best.score);
  const failing = highestFailing((score) => fuse(ceiling, score) >= top.floor, best.score);
  const holders = keyword.above(Math.max(bar, failing)).sort((a, b) => b.score - a.score);
  for (const holder of holders) {
    if (fuse(ceiling, holder.score) < top.floor) break;
    if (holder.slot === best.slot || chosen.has(holder.slot)) continue;
    const semantic = semanticOf(holder.slot);
    if (semantic >= ranking.threshold && fuse(semantic, holder.score) >= top.floor) {
      keep(holder.slot, semantic, holder.score);
    }
  }
  return contenders;
}

/**
 * A keyword score no higher than any in [0, `best`] that `passes` (a test that does not fall as
 * the score rises), found by bisection and lowered by a margin for rounding; -Infinity when 0
 * passes already.
 */
function highestFailing(passes: (score: number) => boolean, best: number): number {
  if (passes(0)) return -Infinity;
  if (!passes(best)) return best;
  let low = 0;
  let high = best;
  for (let step = 0; step < 50 && high - low > 1e-9 * best; step++) {
    const middle = (low + high) / 2;
    if (passes(middle)) high = middle;
    else low = middle;
  }
  return low - 1e-9 * best;
}

/** A memory of the pool without a query term (the keyword side's min-max low end, 0). */
function withoutTerms(pool: Iterable<IndexedMemory>, terms: string[]): IndexedMemory | undefined {
  const query = new Set(terms);
  for (const memory of pool) if (!memory.terms.some((term) => query.has(term))) return memory;
  return undefined;
}

function negated(vector: Float32Array): Float32Array {
  return vector.map((value) => -value);
}

function sumTerms(memories: IndexedMemory[]): number {
  let total = 0;
  for (const memory of memories) total += memory.terms.length;
  return total;
}

/** The `size` best scores added, kept ascending; `floor` is the lowest once there are `size`. */
class TopScores {
  private readonly best: number[] = [];
  constructor(private readonly size: number) {}

  get floor(): number {
    return this.best.length < this.size ? -Infinity : this.best[0];
  }
  add(score: number): void {
    if (this.best.length >= this.size) {
      if (score <= this.best[0]) return;
      this.best.shift();
    }
    let at = this.best.length;
    while (at > 0 && this.best[at - 1] > score) at--;
    this.best.splice(at, 0, score);
  }
}
