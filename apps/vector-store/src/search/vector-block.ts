import { exactSearch, MetricKind } from 'usearch';
import type { StoredMemory } from '../memories/memory.row';

/** Sets smaller than this score in JavaScript: the copy into the block would not pay back. */
export const vectorBlockMinRows = 64;

/**
 * Rows per chunk: the ranking scores slices of 1,024 (rankingSlice) starting at multiples of it,
 * so each slice is one chunk. Each chunk has a buffer of its own: usearch's exactSearch reads a
 * typed array from the start of its buffer, whatever its offset.
 */
const chunkRows = 1024;

/**
 * The vectors of a set of memories in contiguous float32 chunks, scored against a query by
 * usearch's exact search (SIMD inner products in its native code, one thread): about four times
 * faster than the JavaScript loop at 1,536 dimensions. Scores are the float32 inner products, so
 * they may differ from `cosine`'s (double sums) in the seventh digit.
 */
export class VectorBlock {
  private constructor(
    private readonly chunks: Float32Array[],
    readonly dims: number,
    readonly count: number,
  ) {}

  /**
   * Moves the memories' vectors into the chunks and points each memory's `embedding` at its row
   * (equal values; the old array goes to the collector), so the vectors are held once. Undefined,
   * and nothing moved, when the set is small or its vectors differ in size.
   */
  static adopt(memories: StoredMemory[]): VectorBlock | undefined {
    const dims = memories[0]?.embedding.length ?? 0;
    if (memories.length < vectorBlockMinRows || dims === 0) return undefined;
    if (memories.some((memory) => memory.embedding.length !== dims)) return undefined;
    const chunks: Float32Array[] = [];
    for (let first = 0; first < memories.length; first += chunkRows) {
      const rows = Math.min(chunkRows, memories.length - first);
      const chunk = new Float32Array(rows * dims);
      for (let row = 0; row < rows; row++) {
        const memory = memories[first + row];
        const view = chunk.subarray(row * dims, (row + 1) * dims);
        view.set(memory.embedding);
        memory.embedding = view;
      }
      chunks.push(chunk);
    }
    return new VectorBlock(chunks, dims, memories.length);
  }

  /** `scores[i] = max(0, row i . query)` for rows in [start, end). */
  score(query: Float32Array, scores: Float64Array, start: number, end: number): void {
    if (query.length !== this.dims)
      throw new Error(`a ${query.length}-d query for ${this.dims}-d rows`);
    const to = Math.min(end, this.count);
    // The query is the one-vector dataset and the chunk's rows the queries: usearch answers each
    // row's distance to it in row order, with no sort of the rows and no bigint keys to convert.
    const dataset = query.byteOffset === 0 ? query : query.slice();
    for (let chunk = Math.floor(start / chunkRows); chunk * chunkRows < to; chunk++) {
      const first = chunk * chunkRows;
      const rows = this.chunks[chunk];
      // The inner-product distance is 1 - dot; a one-row chunk comes back as a single match.
      const { distances } = exactSearch(dataset, rows, this.dims, 1, MetricKind.IP, 1);
      const from = Math.max(start, first);
      const last = Math.min(to, first + rows.length / this.dims);
      for (let index = from; index < last; index++) {
        scores[index] = Math.max(0, 1 - distances[index - first]);
      }
    }
  }
}
