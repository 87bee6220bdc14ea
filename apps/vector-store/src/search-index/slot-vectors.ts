import { cosineAt } from '../search/hybrid-ranking';

// Rows per chunk: a chunk is one allocation, so a large scope grows without copying its rows.
export const slotChunkRows = 1024;

/**
 * The vectors of an ANN scope in contiguous float32 chunks by slot (the postings' slot numbers,
 * never reused), so the pick scores a memory from one place in memory instead of through its
 * vector object. A memory's `embedding` is pointed at its row (equal values), so a vector is
 * held once; a removed memory's row stays until the scope's graph is rebuilt. The chunks are
 * shared memory: a worker thread building the scope's graph reads the rows where they are.
 */
export class SlotVectors {
  private readonly chunks: Float32Array[] = [];

  constructor(readonly dims: number) {}

  /** Copies `vector` into `slot`'s row and returns the row (a view the memory may point at). */
  put(slot: number, vector: Float32Array): Float32Array {
    const chunk = Math.floor(slot / slotChunkRows);
    while (this.chunks.length <= chunk) {
      const bytes = slotChunkRows * this.dims * Float32Array.BYTES_PER_ELEMENT;
      this.chunks.push(new Float32Array(new SharedArrayBuffer(bytes)));
    }
    const row = this.row(slot);
    row.set(vector);
    return row;
  }

  /** `slot`'s row (a view of the chunk). */
  row(slot: number): Float32Array {
    const offset = (slot % slotChunkRows) * this.dims;
    return this.chunks[Math.floor(slot / slotChunkRows)].subarray(offset, offset + this.dims);
  }

  /** `cosine` of `slot`'s row with `query` (a query of this scope's size), as the ranking sums it. */
  cosine(slot: number, query: Float32Array): number {
    const offset = (slot % slotChunkRows) * this.dims;
    return cosineAt(this.chunks[Math.floor(slot / slotChunkRows)], offset, query, this.dims);
  }

  /** The chunks' memory, shared with a worker thread (chunk i holds slots from i x slotChunkRows). */
  get shared(): SharedArrayBuffer[] {
    return this.chunks.map((chunk) => chunk.buffer as SharedArrayBuffer);
  }

  /** Bytes of rows not held by a live memory (removed ones and the last chunk's spare rows). */
  spareBytes(live: number): number {
    return (this.chunks.length * slotChunkRows - live) * this.dims * 4;
  }
}
