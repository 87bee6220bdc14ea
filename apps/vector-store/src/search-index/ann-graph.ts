import { Index, MetricKind, ScalarKind } from 'usearch';

/** HNSW shape: usearch's defaults, with a wider search beam set per graph. */
const connectivity = 16;
const expansionAdd = 128;
// Per node: the f16 vector, its key, level-0 links (2 x connectivity slots of 4 bytes) and the
// upper levels' share; measured against usearch's own serialized size within ~10 %.
const linkBytes = 2 * connectivity * 4 + connectivity * 4 * 0.07;
const nodeOverhead = 8 + 8 + 40;

/**
 * An HNSW graph (usearch, inner product over f16 copies of the unit vectors) keyed by slot (the
 * scope's postings' slot of each memory, not reused until a rebuild), handing back slots. It only
 * proposes candidates: every one is re-scored exactly from the float32 vector.
 */
export class AnnGraph {
  private readonly index: Index;
  private live = 0;
  /** removed nodes still in the graph (usearch marks them; they cost memory until a rebuild) */
  tombstones = 0;

  constructor(
    readonly dimensions: number,
    expansionSearch: number,
  ) {
    this.index = new Index({
      dimensions,
      metric: MetricKind.IP,
      quantization: ScalarKind.F16,
      connectivity,
      expansion_add: expansionAdd,
      expansion_search: expansionSearch,
      multi: false,
    });
  }

  get size(): number {
    return this.live;
  }

  /** Adds the node of a slot not in the graph. */
  put(slot: number, vector: Float32Array): void {
    this.index.add(BigInt(slot), vector);
    this.live++;
  }

  /** Removes the node of a slot in the graph; searches no longer return it. */
  remove(slot: number): void {
    this.index.remove(BigInt(slot));
    this.live--;
    this.tombstones++;
  }

  /** The slots of the (approximately) `count` largest inner products with `vector`, best first. */
  nearest(vector: Float32Array, count: number): number[] {
    if (this.live === 0) return [];
    const { keys } = this.index.search(vector, Math.min(count, this.live), 1);
    return Array.from(keys, Number);
  }

  /** Estimated native bytes, counted against MNEMO_INDEX_MEMORY_MB. */
  get bytes(): number {
    const nodes = this.live + this.tombstones;
    return Math.ceil(nodes * (2 * this.dimensions + linkBytes + nodeOverhead));
  }
}
