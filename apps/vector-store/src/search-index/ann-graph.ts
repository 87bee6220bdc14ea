import { Index, MetricKind, ScalarKind } from 'usearch';

/** HNSW shape: usearch's defaults, with a wider search beam set per graph. */
const connectivity = 16;
const expansionAdd = 128;
// Per node: the f16 vector, its key, level-0 links (2 x connectivity slots of 4 bytes) and the
// upper levels' share; measured against usearch's own serialized size within ~10 %.
const linkBytes = 2 * connectivity * 4 + connectivity * 4 * 0.07;
const nodeOverhead = 8 + 8 + 40;
// The JS side: an id map entry and an array slot per node.
const mappingBytes = 16 + 80 + 8;

/**
 * An HNSW graph (usearch, inner product over f16 copies of the unit vectors) keyed by memory id,
 * handing back the item each id was put with. It only proposes candidates: every one is
 * re-scored exactly from the float32 vector.
 */
export class AnnGraph<T> {
  private readonly index: Index;
  private readonly keyOf = new Map<string, number>();
  // key -> the item put with it; keys count up from 1 and are not reused until a rebuild
  private readonly itemAt: (T | undefined)[] = [undefined];
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
  put(id: string, vector: Float32Array, item: T): void {
    this.remove(id);
    const key = this.itemAt.length;
    this.index.add(BigInt(key), vector);
    this.keyOf.set(id, key);
    this.itemAt.push(item);
  }

  remove(id: string): void {
    const key = this.keyOf.get(id);
    if (key === undefined) return;
    this.index.remove(BigInt(key));
    this.keyOf.delete(id);
    this.itemAt[key] = undefined;
    this.tombstones++;
  }

  /** The items of the (approximately) `count` largest inner products with `vector`, best first. */
  nearest(vector: Float32Array, count: number): T[] {
    if (this.size === 0) return [];
    const { keys } = this.index.search(vector, Math.min(count, this.size), 1);
    const items: T[] = [];
    for (const key of keys) {
      const item = this.itemAt[Number(key)];
      if (item !== undefined) items.push(item);
    }
    return items;
  }

  /** Estimated native and JS bytes, counted against MNEMO_INDEX_MEMORY_MB. */
  get bytes(): number {
    const nodes = this.size + this.tombstones;
    return Math.ceil(
      nodes * (2 * this.dimensions + linkBytes + nodeOverhead) + this.size * mappingBytes,
    );
  }
}
