import { cosine, fusionOf, type RankingOptions } from '../search/hybrid-ranking';
import type { Bm25Corpus } from '../search/keyword-scoring';
import type { AnnScope } from './ann-scope';
import type { KeywordScores } from './keyword-postings';
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

/** What the exact fused ranking is run on, and the BM25 statistics of the set it stands for. */
export interface AnnCandidates {
  memories: IndexedMemory[];
  corpus: Bm25Corpus;
}

// A narrowed search over-fetches by the filter's selectivity, up to this many times `candidates`.
const maxOverFetch = 20;

/**
 * The candidates that can reach the top of the fused ranking of the whole set (the scope, or the
 * `allowed` memories of it): the graph's nearest `candidates`, the memories holding a query term
 * that no `topK` of the nearest beat on keywords, the graph's farthest memory and one without any
 * query term. A memory left out scores no higher than `topK` nearest ones on both the semantic
 * and the keyword side, so the fusion (monotonic in both) ranks it below them. The last two keep
 * the min-max normalisation's bounds those of the whole set, and the BM25 statistics are the whole
 * set's, so the fused scores are the ones a full scan computes. `undefined`: answer exactly (a
 * narrow filter left too few of the over-fetched neighbours).
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
  const admits = (id: string) => !allowedIds || allowedIds.has(id);
  const setSize = allowed?.length ?? ann.graph.size;
  const fetch = Math.min(
    ann.graph.size,
    Math.ceil((wanted * ann.graph.size) / Math.max(1, setSize)),
    maxOverFetch * wanted,
  );
  const nearest = ann.graph.nearest(query.vector, fetch).filter(admits);
  if (nearest.length < Math.min(setSize, wanted) / 2) return undefined;
  // Unfiltered, the single farthest memory will do; a filter needs as many to find an admitted one.
  const farthest = ann.graph.nearest(negated(query.vector), allowedIds ? fetch : 1).find(admits);
  if (farthest === undefined) return undefined;
  const corpus = allowedIds
    ? ann.postings.corpus({ ids: allowedIds, totalTerms: sumTerms(allowed ?? []) })
    : ann.postings.corpus();
  const ids = new Set([...nearest, farthest]);
  const keyword = ann.postings.scores(query.terms, corpus, allowedIds);
  const bounds = scope.memories.get(farthest);
  if (bounds) {
    const graph = {
      nearest: nearest.flatMap((id) => scope.memories.get(id) ?? []),
      farthest: bounds,
    };
    for (const id of keywordContenders(graph, keyword, query, ranking)) ids.add(id);
  }
  const plain = withoutTerms(ids, allowed ?? scope.memories.values(), query.terms, scope);
  if (plain) ids.add(plain);
  const memories = [...ids].flatMap((id) => scope.memories.get(id) ?? []);
  return { memories, corpus };
}

/**
 * The holders of a query term that can reach the `topK`-th best of the nearest. A memory the graph
 * did not return is no nearer the query than its last nearest, so it needs more BM25 than `topK`
 * of the nearest have, and then, fused with that last semantic score and then with its own, at
 * least their `topK`-th fused score. Fused with min-max bounds from the graph's nearest and
 * farthest and the best BM25 (the whole set's, up to the graph's approximation); the best keyword
 * holder always stays, so the candidates keep that maximum.
 */
function keywordContenders(
  graph: { nearest: IndexedMemory[]; farthest: IndexedMemory },
  keyword: KeywordScores<IndexedMemory>,
  query: AnnQuery,
  ranking: AnnRanking,
): string[] {
  const holders = keyword.holders();
  if (holders.length === 0) return [];
  const semanticOf = (memory: IndexedMemory) => Math.max(0, cosine(memory.embedding, query.vector));
  const nearKeyword = graph.nearest.map((memory) => keyword.of(memory.record.id));
  const bar = [...nearKeyword].sort((a, b) => b - a)[query.topK - 1] ?? -Infinity;
  let best = holders[0];
  for (const holder of holders) if (holder.score > best.score) best = holder;
  const nearSemantic = graph.nearest.map(semanticOf);
  const fuse = fusionOf(
    [semanticOf(graph.farthest), ...nearSemantic],
    [0, best.score],
    query.terms.length,
    ranking,
  ).score;
  const floor =
    nearSemantic
      .map((s, i) => (s >= ranking.threshold ? fuse(s, nearKeyword[i]) : -Infinity))
      .sort((a, b) => b - a)[query.topK - 1] ?? -Infinity;
  const ceiling = Math.min(...nearSemantic);
  const contenders: string[] = [];
  for (const holder of holders) {
    if (holder === best) contenders.push(holder.id);
    else if (holder.score <= bar || fuse(ceiling, holder.score) < floor) continue;
    else if (reaches(semanticOf(holder.item), holder.score)) contenders.push(holder.id);
  }
  return contenders;

  function reaches(semantic: number, score: number): boolean {
    return semantic >= ranking.threshold && fuse(semantic, score) >= floor;
  }
}

/** A memory of the pool without a query term when every chosen one has one (keyword min 0). */
function withoutTerms(
  chosen: Set<string>,
  pool: Iterable<IndexedMemory>,
  terms: string[],
  scope: ScopeIndex,
): string | undefined {
  if (terms.length === 0) return undefined;
  const query = new Set(terms);
  const plain = (memory: IndexedMemory) => !memory.terms.some((term) => query.has(term));
  for (const id of chosen) {
    const memory = scope.memories.get(id);
    if (memory && plain(memory)) return undefined;
  }
  for (const memory of pool) if (plain(memory)) return memory.record.id;
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
