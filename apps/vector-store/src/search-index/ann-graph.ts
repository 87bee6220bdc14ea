import { Index, MetricKind, ScalarKind } from 'usearch';

/** HNSW shape: usearch's defaults, with a wider search beam set per graph. */
const connectivity = 16;
const expansionAdd = 128;
// Per node: the f16 vector, its key, level-0 links (2 x connectivity slots of 4 bytes) and the
// upper levels' share; measured against usearch's own serialized size within ~10 %.
const linkBytes = 2 * connectivity * 4 + connectivity * 4 * 0.07;
const nodeOverhead = 8 + 8 + 40;
// The JS side: an id string and two map entries per node.
const mappingBytes = 16 + 2 * 36 + 2 * 80;

/**
 * An HNSW graph (usearch, inner product over f16 copies of the unit vectors) keyed by memory id.
 * It only proposes candidates: every one is re-scored exactly from the float32 vector.
 */
export class AnnGraph {
  private readonly index: Index;
  private readonly keyOf = new Map<string, bigint>();
  private readonly idOf = new Map<bigint, string>();
  private nextKey = 1n;
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
    return this.keyOf.size;
  }

  has(id: string): boolean {
    return this.keyOf.has(id);
  }

  /** Replaces the memory's node: a changed text brings a changed vector. */
  put(id: string, vector: Float32Array): void {
    this.remove(id);
    const key = this.nextKey++;
    this.index.add(key, vector);
    this.keyOf.set(id, key);
    this.idOf.set(key, id);
  }

  remove(id: string): void {
    const key = this.keyOf.get(id);
    if (key === undefined) return;
    this.index.remove(key);
    this.keyOf.delete(id);
    this.idOf.delete(key);
    this.tombstones++;
  }

  /** The ids of the (approximately) `count` largest inner products with `vector`, best first. */
  nearest(vector: Float32Array, count: number): string[] {
    if (this.size === 0) return [];
    const { keys } = this.index.search(vector, Math.min(count, this.size), 1);
    const ids: string[] = [];
    for (const key of keys) {
      const id = this.idOf.get(key);
      if (id !== undefined) ids.push(id);
    }
    return ids;
  }

  /** Estimated native and JS bytes, counted against MNEMO_INDEX_MEMORY_MB. */
  get bytes(): number {
    const nodes = this.size + this.tombstones;
    return Math.ceil(
      nodes * (2 * this.dimensions + linkBytes + nodeOverhead) + this.size * mappingBytes,
    );
  }
}
