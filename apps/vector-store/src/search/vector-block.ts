import type { StoredMemory } from '../memories/memory.row';
import { dotProductsInstance, type DotProducts } from './dot-products.wasm';

/** Sets smaller than this score in JavaScript: the copy into the block would not pay back. */
export const vectorBlockMinRows = 64;

/**
 * The vectors of a set of memories in one block of WebAssembly memory (layout: the query, the
 * scores, then the rows), scored against a query by the SIMD module of dot-products.wasm.ts: the
 * same numbers as `cosine`, about three times faster. The block is sized once and never grows, so
 * views into it stay valid.
 */
export class VectorBlock {
  private readonly floats: Float32Array;
  private readonly doubles: Float64Array;
  private readonly outAt: number;
  private readonly rowsAt: number;

  private constructor(
    private readonly scorer: DotProducts,
    readonly dims: number,
    readonly count: number,
  ) {
    this.floats = new Float32Array(scorer.buffer);
    this.doubles = new Float64Array(scorer.buffer);
    this.outAt = dims * 4;
    this.rowsAt = this.outAt + align16(count * 8);
  }

  /**
   * Moves the memories' vectors into a new block and points each memory's `embedding` at its copy
   * (equal values; the old array goes to the collector), so the vectors are held once. Undefined,
   * and nothing moved, when the set is small, its vectors differ in size, their size is not a
   * multiple of four, or the runtime has no WebAssembly SIMD or no memory for the block.
   */
  static adopt(memories: StoredMemory[]): VectorBlock | undefined {
    const dims = memories[0]?.embedding.length ?? 0;
    if (memories.length < vectorBlockMinRows || dims === 0 || dims % 4 !== 0) return undefined;
    if (memories.some((memory) => memory.embedding.length !== dims)) return undefined;
    const bytes = dims * 4 + align16(memories.length * 8) + memories.length * dims * 4;
    const scorer = dotProductsInstance(bytes);
    if (!scorer) return undefined;
    const block = new VectorBlock(scorer, dims, memories.length);
    memories.forEach((memory, index) => {
      const row = block.row(index);
      row.set(memory.embedding);
      memory.embedding = row;
    });
    return block;
  }

  /** `scores[i] = max(0, cosine(row i, query))` for rows in [start, end). */
  score(query: Float32Array, scores: Float64Array, start: number, end: number): void {
    if (query.length !== this.dims)
      throw new Error(`a ${query.length}-d query for ${this.dims}-d rows`);
    const to = Math.min(end, this.count);
    if (to <= start) return;
    // Written on every call: another search of the same set may have run since (yielding ranking).
    this.floats.set(query, 0);
    const first = this.rowsAt + start * this.dims * 4;
    this.scorer.scores(first, to - start, 0, this.dims, this.outAt + start * 8);
    const at = this.outAt / 8;
    scores.set(this.doubles.subarray(at + start, at + to), start);
  }

  private row(index: number): Float32Array {
    const offset = this.rowsAt / 4 + index * this.dims;
    return this.floats.subarray(offset, offset + this.dims);
  }
}

function align16(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}
