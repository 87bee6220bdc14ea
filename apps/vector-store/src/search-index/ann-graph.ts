import { setImmediate as nextTurnOfTheLoop } from 'node:timers/promises';
import { Index, MetricKind, ScalarKind, type IndexConfig } from 'usearch';
import { buildInWorker } from './ann-graph.builder';
import type { SlotVectors } from './slot-vectors';

/** HNSW shape: usearch's defaults, with a wider search beam set per graph. */
const connectivity = 16;
const expansionAdd = 128;
// Per node: the f16 vector, its key, level-0 links (2 x connectivity slots of 4 bytes) and the
// upper levels' share; measured against usearch's own serialized size within ~10 %.
const linkBytes = 2 * connectivity * 4 + connectivity * 4 * 0.07;
const nodeOverhead = 8 + 8 + 40;
/** Changes made during a build, applied to the built graph between two turns of the event loop. */
const replaySlice = 128;

/** The usearch index of a graph: inner product over f16 copies of the unit vectors. */
export function graphConfig(dimensions: number, expansionSearch: number): IndexConfig {
  return {
    dimensions,
    metric: MetricKind.IP,
    quantization: ScalarKind.F16,
    connectivity,
    expansion_add: expansionAdd,
    expansion_search: expansionSearch,
    multi: false,
  };
}

/**
 * An HNSW graph (usearch) of a scope's vector rows, keyed by slot (the scope's postings' slot of
 * each memory, not reused until a rebuild), handing back slots. It only proposes candidates:
 * every one is re-scored exactly from the float32 vector.
 *
 * It is built in a worker thread (`build`), so a large scope's graph, seconds to minutes of
 * work, never holds the event loop: the slots put before the build are what the worker inserts,
 * and the puts and removes made while it runs are applied to its graph before it serves.
 */
export class AnnGraph {
  private index?: Index;
  private live = 0;
  /** removed nodes still in the graph (usearch marks them; they cost memory until a rebuild) */
  tombstones = 0;
  /** before `build`: the slots put and not removed since, which the worker's graph will hold */
  private staged?: Set<number> = new Set();
  /** during `build`: the puts (slot) and removes (~slot) made since it began, in order */
  private backlog: number[] = [];

  constructor(
    readonly dimensions: number,
    private readonly expansionSearch: number,
    private readonly vectors: SlotVectors,
  ) {}

  get size(): number {
    return this.live;
  }

  /** Adds the node of a slot not in the graph, from the slot's row in the vectors. */
  put(slot: number): void {
    this.live++;
    if (this.index) this.index.add(BigInt(slot), this.vectors.row(slot));
    else if (this.staged) this.staged.add(slot);
    else this.backlog.push(slot);
  }

  /** Removes the node of a slot in the graph; searches no longer return it. */
  remove(slot: number): void {
    this.live--;
    if (this.staged) {
      this.staged.delete(slot);
      return;
    }
    this.tombstones++;
    if (this.index) this.index.remove(BigInt(slot));
    else this.backlog.push(~slot);
  }

  /**
   * Builds the graph of the slots put so far in a worker thread, then applies the changes made
   * meanwhile, a slice per turn of the event loop. False, and no graph, when `going()` turns
   * false first (the scope was dropped or replaced).
   */
  async build(going: () => boolean): Promise<boolean> {
    if (!this.staged) throw new Error('the graph is built already');
    const slots = Uint32Array.from(this.staged);
    this.staged = undefined;
    const config = graphConfig(this.dimensions, this.expansionSearch);
    const built = new Index(config);
    if (slots.length > 0) {
      const job = { config, slots, chunks: this.vectors.shared };
      if (!(await buildInWorker(built, job, going))) return false;
    }
    for (let done = 0; done < this.backlog.length;) {
      const change = this.backlog[done++];
      if (change >= 0) built.add(BigInt(change), this.vectors.row(change));
      else built.remove(BigInt(~change));
      if (done % replaySlice === 0) {
        await nextTurnOfTheLoop();
        if (!going()) return false;
      }
    }
    this.index = built;
    this.backlog = [];
    return true;
  }

  /** The slots of the (approximately) `count` largest inner products with `vector`, best first. */
  nearest(vector: Float32Array, count: number): number[] {
    if (!this.index || this.live === 0) return [];
    const { keys } = this.index.search(vector, Math.min(count, this.live), 1);
    return Array.from(keys, Number);
  }

  /** Estimated native bytes, counted against MNEMO_INDEX_MEMORY_MB. */
  get bytes(): number {
    const nodes = this.live + this.tombstones;
    return Math.ceil(nodes * (2 * this.dimensions + linkBytes + nodeOverhead));
  }
}
