import type { StoredMemory } from '../memories/memory.row';
import { writingOrder, type WritingOrder } from './context-ranking';
import { bm25Idf, bm25Part, type Bm25Options } from './keyword-scoring';
import type { VectorBlock } from './vector-block';

/** The memories holding one term, in set order, and how many times each holds it. */
interface Posting {
  members: number[];
  counts: number[];
}

/**
 * What an exact ranking derives from its candidates alone, computed once for a set that many
 * searches rank (an index scope's memories, until its next write) instead of on every search:
 * writing order, the keyword postings and lengths BM25 needs, the earliest expiry, the embedding
 * model and size every member shares, and (given) the members' vectors in a SIMD-scored block.
 */
export class RankingSet<T extends StoredMemory = StoredMemory> {
  readonly written: WritingOrder | undefined;
  /** the embedding model and size of every member, or undefined when they differ */
  readonly model: string | undefined;
  readonly dims: number | undefined;
  /** the earliest expiration date of a member (YYYY-MM-DD), null when none expires */
  readonly earliestExpiry: string | null;
  private readonly postings = new Map<string, Posting>();
  private readonly lengths: Uint32Array;
  private readonly totalLength: number;

  constructor(
    readonly memories: T[],
    termsOf: (memory: T) => string[],
    /** the members' vectors, row i for member i, when they were moved into a block */
    readonly vectors?: VectorBlock,
  ) {
    const n = memories.length;
    this.written = writingOrder(memories);
    this.lengths = new Uint32Array(n);
    let totalLength = 0;
    let earliest: string | null = null;
    for (let index = 0; index < n; index++) {
      const memory = memories[index];
      const expiry = memory.record.expirationDate;
      if (expiry !== null && (earliest === null || expiry < earliest)) earliest = expiry;
      const terms = termsOf(memory);
      this.lengths[index] = terms.length;
      totalLength += terms.length;
      for (const term of terms) this.count(term, index);
    }
    this.totalLength = totalLength;
    this.earliestExpiry = earliest;
    const first = memories[0];
    const shared = memories.every(
      (m) =>
        m.embeddingModel === first.embeddingModel && m.embedding.length === first.embedding.length,
    );
    this.model = first && shared ? first.embeddingModel : undefined;
    this.dims = first && shared ? first.embedding.length : undefined;
  }

  /** Whether every member is comparable with a query vector of this model and size. */
  comparableWith(model: string, dims: number): boolean {
    return this.memories.length > 0 && this.model === model && this.dims === dims;
  }

  /** Whether the search's expiry filter (`expirationDate >= today`) keeps every member. */
  noneExpired(today: string): boolean {
    return this.earliestExpiry === null || this.earliestExpiry >= today;
  }

  /**
   * `bm25Scores(query, memories.map(termsOf), options)` from the postings: per member the same
   * parts added in the same order (query terms in order, from zero), so the same numbers, while
   * only the members holding a query term are visited.
   */
  bm25(query: string[], options?: Bm25Options): Float64Array {
    const n = this.memories.length;
    const scores = new Float64Array(n);
    const queryTerms = [...new Set(query)];
    if (queryTerms.length === 0 || n === 0) return scores;
    const averageLength = this.totalLength / n || 1;
    for (const term of queryTerms) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = bm25Idf(n, posting.members.length);
      for (let k = 0; k < posting.members.length; k++) {
        const index = posting.members[k];
        scores[index] += bm25Part(
          idf,
          posting.counts[k],
          this.lengths[index],
          averageLength,
          options,
        );
      }
    }
    return scores;
  }

  // Members are counted in order, so a term's latest member is the last of its posting.
  private count(term: string, index: number): void {
    let posting = this.postings.get(term);
    if (!posting) {
      posting = { members: [], counts: [] };
      this.postings.set(term, posting);
    }
    const last = posting.members.length - 1;
    if (last >= 0 && posting.members[last] === index) posting.counts[last] += 1;
    else {
      posting.members.push(index);
      posting.counts.push(1);
    }
  }
}
