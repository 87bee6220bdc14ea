import { bm25Scores, type Bm25Corpus } from '../search/keyword-scoring';
import type { AnnScope } from './ann-scope';
import type { IndexedMemory, ScopeIndex } from './scope-index';

export interface AnnQuery {
  vector: Float32Array;
  terms: string[];
  topK: number;
}

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
  const holders = [...ann.postings.holders(query.terms, allowedIds)];
  for (const id of keywordContenders(scope, nearest, holders, query, corpus)) ids.add(id);
  const plain = withoutTerms(ids, allowed ?? scope.memories.values(), query.terms, scope);
  if (plain) ids.add(plain);
  const memories = [...ids].flatMap((id) => scope.memories.get(id) ?? []);
  return { memories, corpus };
}

/** Holders whose BM25 beats the `topK`-th best of the nearest: the only ones that can outrank them. */
function keywordContenders(
  scope: ScopeIndex,
  nearest: string[],
  holders: string[],
  query: AnnQuery,
  corpus: Bm25Corpus,
): string[] {
  if (holders.length === 0) return [];
  const termsOf = (id: string) => scope.memories.get(id)?.terms ?? [];
  const near = bm25Scores(query.terms, nearest.map(termsOf), undefined, corpus);
  const bar = near.sort((a, b) => b - a)[query.topK - 1] ?? -Infinity;
  const scores = bm25Scores(query.terms, holders.map(termsOf), undefined, corpus);
  return holders.filter((_, i) => scores[i] > bar);
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
