import { cosineAt } from '../search/hybrid-ranking';

// Rows per chunk: a chunk is one allocation, so a large scope grows without copying its rows.
const chunkRows = 1024;

/**
 * The vectors of an ANN scope in contiguous float32 chunks by slot (the postings' slot numbers,
 * never reused), so the pick scores a memory from one place in memory instead of through its
 * vector object. A memory's `embedding` is pointed at its row (equal values), so a vector is
 * held once; a removed memory's row stays until the scope's graph is rebuilt.
 */
export class SlotVectors {
  private readonly chunks: Float32Array[] = [];

  constructor(readonly dims: number) {}

  /** Copies `vector` into `slot`'s row and returns the row (a view the memory may point at). */
  put(slot: number, vector: Float32Array): Float32Array {
    const chunk = Math.floor(slot / chunkRows);
    while (this.chunks.length <= chunk) this.chunks.push(new Float32Array(chunkRows * this.dims));
    const offset = (slot % chunkRows) * this.dims;
    const row = this.chunks[chunk].subarray(offset, offset + this.dims);
    row.set(vector);
    return row;
  }

  /** `cosine` of `slot`'s row with `query` (a query of this scope's size), as the ranking sums it. */
  cosine(slot: number, query: Float32Array): number {
    const offset = (slot % chunkRows) * this.dims;
    return cosineAt(this.chunks[Math.floor(slot / chunkRows)], offset, query, this.dims);
  }

  /** Bytes of rows not held by a live memory (removed ones and the last chunk's spare rows). */
  spareBytes(live: number): number {
    return (this.chunks.length * chunkRows - live) * this.dims * 4;
  }
}
