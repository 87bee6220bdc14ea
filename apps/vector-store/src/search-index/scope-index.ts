import type { StoredMemory } from '../memories/memory.row';
import { RankingSet } from '../search/ranking-set';
import { VectorBlock } from '../search/vector-block';
import type { AnnScope } from './ann-scope';
import { belongsTo, type IndexScope } from './index-scope';

/** A memory as the index holds it: the stored row, its keyword terms and its estimated bytes. */
export interface IndexedMemory extends StoredMemory {
  terms: string[];
  bytes: number;
}

/** What one committed write changed, as the writer knows it without reading back. */
export interface IndexChange {
  upserts: StoredMemory[];
  deletes: string[];
}

// Rough V8 costs: an object with its hidden class, a string header, a map slot.
const objectOverhead = 64;
const stringOverhead = 16;
const entryOverhead = 80;

function stringBytes(value: string | null): number {
  return value === null ? 0 : stringOverhead + 2 * value.length;
}

/** Estimated heap bytes of one indexed memory; what the memory budget counts. */
export function estimateBytes(memory: StoredMemory, terms: string[]): number {
  const { record } = memory;
  const strings = [
    record.id,
    record.projectId,
    record.memory,
    record.hash,
    record.userId,
    record.agentId,
    record.appId,
    record.runId,
    record.actorId,
    record.role,
    record.expirationDate,
    record.createdAt,
    record.updatedAt,
    memory.embeddingModel,
    JSON.stringify(record.metadata),
    ...record.categories,
    ...terms,
  ];
  const text = strings.reduce((sum, value) => sum + stringBytes(value), 0);
  return 4 * objectOverhead + entryOverhead + memory.embedding.byteLength + text;
}

/** One scope's memories at one project version. */
export class ScopeIndex {
  readonly memories = new Map<string, IndexedMemory>();
  bytes = objectOverhead;
  /** the HNSW side, once the scope passed the ANN threshold (see ann-build.ts) */
  ann?: AnnScope;
  /** a fresh graph being built to replace a worn `ann`; writes reach both meanwhile */
  rebuilding?: AnnScope;
  // What exact rankings of every memory reuse, until the next write.
  private rankingSet?: RankingSet<IndexedMemory>;

  constructor(
    readonly scope: IndexScope,
    public version: number,
    private readonly termsOf: (memory: StoredMemory) => string[],
  ) {}

  /**
   * The memories, in index order, with their keyword postings and writing order, their vectors
   * moved into a block the ranking scores with SIMD (see VectorBlock.adopt).
   */
  ranking(): RankingSet<IndexedMemory> {
    if (!this.rankingSet) {
      const memories = [...this.memories.values()];
      const vectors = VectorBlock.adopt(memories);
      this.rankingSet = new RankingSet(memories, (memory) => memory.terms, vectors);
    }
    return this.rankingSet;
  }

  upsert(memory: StoredMemory): void {
    this.remove(memory.record.id);
    this.rankingSet = undefined;
    const terms = this.termsOf(memory);
    const indexed: IndexedMemory = { ...memory, terms, bytes: estimateBytes(memory, terms) };
    this.memories.set(memory.record.id, indexed);
    this.bytes += indexed.bytes;
    this.ann?.add(indexed);
    this.rebuilding?.add(indexed);
  }

  remove(id: string): void {
    const existing = this.memories.get(id);
    if (!existing) return;
    this.rankingSet = undefined;
    this.memories.delete(id);
    this.bytes -= existing.bytes;
    this.ann?.remove(existing);
    this.rebuilding?.remove(existing);
  }

  /** What the memory budget counts: the memories and, when built, the graph(s) and postings. */
  get totalBytes(): number {
    return this.bytes + (this.ann?.bytes ?? 0) + (this.rebuilding?.bytes ?? 0);
  }

  /** Applies a write; false when membership is uncertain and the scope must be reloaded. */
  apply(change: IndexChange): boolean {
    change.deletes.forEach((id) => this.remove(id));
    for (const memory of change.upserts) {
      const member = belongsTo(this.scope, memory.record);
      if (member === undefined) return false;
      if (member) this.upsert(memory);
      else this.remove(memory.record.id);
    }
    return true;
  }
}
