import { AnnGraph } from './ann-graph';
import { FarthestMemories } from './farthest-memories';
import { KeywordPostings } from './keyword-postings';
import type { IndexedMemory } from './scope-index';
import { SlotVectors } from './slot-vectors';

/**
 * The approximate side of a large scope: an HNSW graph of its vectors and its keyword postings,
 * kept in step with the scope's memories. Memories of another embedding model are only counted:
 * a scope that holds any is answered exactly, as the ranking compares one model's vectors only.
 */
export class AnnScope {
  // The graph is keyed by the postings' slot of each memory, also its row in `vectors`.
  readonly graph: AnnGraph;
  readonly postings = new KeywordPostings<IndexedMemory>();
  /** the memories found farthest from earlier queries: the semantic side's low end */
  readonly farthest = new FarthestMemories();
  readonly vectors: SlotVectors;
  private readonly foreignIds = new Set<string>();
  /** memories with an expiration date: a search that hides expired ones is then answered exactly */
  expiring = 0;
  /** false while the graph is being built (`AnnGraph.build`); writes reach it meanwhile */
  ready = false;

  constructor(
    readonly model: string,
    dimensions: number,
    expansionSearch: number,
  ) {
    this.vectors = new SlotVectors(dimensions);
    this.graph = new AnnGraph(dimensions, expansionSearch, this.vectors);
  }

  /**
   * Adds a memory; one already held (a reload's row unchanged in what the graph depends on, see
   * `changedForAnn`) takes the place of the held object, so searches hand back the fresh row.
   * The memory's `embedding` is pointed at its row in `vectors`.
   */
  add(memory: IndexedMemory): void {
    const id = memory.record.id;
    if (this.foreignIds.has(id)) return;
    const held = this.postings.slotOf(id);
    if (held !== undefined) {
      this.postings.replace(id, memory);
      memory.embedding = this.vectors.put(held, memory.embedding);
      return;
    }
    if (memory.embeddingModel !== this.model || memory.embedding.length !== this.graph.dimensions) {
      this.foreignIds.add(id);
      return;
    }
    const slot = this.postings.add(id, memory.terms, memory);
    memory.embedding = this.vectors.put(slot, memory.embedding);
    this.graph.put(slot);
    if (memory.record.expirationDate !== null) this.expiring++;
  }

  remove(memory: IndexedMemory): void {
    const id = memory.record.id;
    const slot = this.postings.slotOf(id);
    if (this.foreignIds.delete(id) || slot === undefined) return;
    this.graph.remove(slot);
    this.postings.remove(id, memory.terms);
    if (memory.record.expirationDate !== null) this.expiring--;
  }

  holds(id: string): boolean {
    return this.postings.slotOf(id) !== undefined || this.foreignIds.has(id);
  }

  /** Whether a search of this model may take its candidates from the graph. */
  serves(model: string, dimensions: number, showExpired: boolean): boolean {
    return (
      this.ready &&
      this.foreignIds.size === 0 &&
      model === this.model &&
      dimensions === this.graph.dimensions &&
      (showExpired || this.expiring === 0)
    );
  }

  /** Removed nodes outnumber live ones: cheaper to build anew than to carry over. */
  get worn(): boolean {
    return this.graph.tombstones > this.graph.size;
  }

  /** The graph, the postings and the vector rows no live memory holds (live ones count as theirs). */
  get bytes(): number {
    return this.graph.bytes + this.postings.bytes + this.vectors.spareBytes(this.graph.size);
  }
}

/** Whether a reloaded row differs from the one the graph holds in what the graph depends on. */
export function changedForAnn(before: IndexedMemory, after: IndexedMemory): boolean {
  return (
    before.record.hash !== after.record.hash ||
    before.embeddingModel !== after.embeddingModel ||
    before.embedding.length !== after.embedding.length ||
    before.record.expirationDate !== after.record.expirationDate
  );
}
