import { bm25Idf, bm25Part, type Bm25Corpus } from '../search/keyword-scoring';

/** One memory holding a query term, with its BM25. */
export interface KeywordHolder<T> {
  id: string;
  score: number;
  item: T;
}

/** BM25 of the memories holding a query term; the others score 0. */
export interface KeywordScores<T> {
  of(id: string): number;
  /** every holder with its score, in the order the query's terms first reached them */
  holders(): KeywordHolder<T>[];
}

/**
 * Which memories hold each keyword term and how often, and the scope's total term count: the BM25
 * statistics of the whole scope, so a ranking over a few candidates weighs terms as a scan of every
 * row would, and the keyword scores of a term's holders come from its posting alone. Memories have
 * a slot number, so a search sums into typed arrays instead of maps keyed by id.
 */
export class KeywordPostings<T> {
  // term -> slot -> how many times the memory's terms hold it
  private readonly byTerm = new Map<string, Map<number, number>>();
  private readonly slotOf = new Map<string, number>();
  private readonly idAt: (string | undefined)[] = [];
  private readonly itemAt: (T | undefined)[] = [];
  private lengthAt = new Float64Array(1024);
  private readonly freeSlots: number[] = [];
  private totalTerms = 0;
  private documents = 0;
  bytes = 0;

  /** `item` is what `scores` hands back with each holder (the memory itself, no lookup by id). */
  add(id: string, terms: string[], item: T): void {
    const slot = this.freeSlots.pop() ?? this.idAt.length;
    if (slot >= this.lengthAt.length) this.grow();
    this.slotOf.set(id, slot);
    this.idAt[slot] = id;
    this.itemAt[slot] = item;
    this.lengthAt[slot] = terms.length;
    this.documents++;
    this.totalTerms += terms.length;
    this.bytes += slotBytes;
    for (const [term, tf] of termCounts(terms)) {
      let holders = this.byTerm.get(term);
      if (!holders) {
        holders = new Map();
        this.byTerm.set(term, holders);
        this.bytes += postingBytes + 2 * term.length;
      }
      holders.set(slot, tf);
      this.bytes += entryBytes;
    }
  }

  remove(id: string, terms: string[]): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const length = this.lengthAt[slot];
    this.documents--;
    this.totalTerms -= length;
    this.bytes -= slotBytes;
    for (const term of new Set(terms)) {
      const holders = this.byTerm.get(term);
      if (!holders?.delete(slot)) continue;
      this.bytes -= entryBytes;
      if (holders.size > 0) continue;
      this.byTerm.delete(term);
      this.bytes -= postingBytes + 2 * term.length;
    }
    this.slotOf.delete(id);
    this.idAt[slot] = undefined;
    this.itemAt[slot] = undefined;
    this.freeSlots.push(slot);
  }

  /**
   * BM25 of every memory holding a query term (of `allowed` when given), from the postings: the
   * sums `bm25Scores` makes over the memories' terms, in the same order, so the same numbers.
   */
  scores(terms: string[], corpus: Bm25Corpus, allowed?: Set<string>): KeywordScores<T> {
    const sums = new Float64Array(this.idAt.length);
    const touched: number[] = [];
    const averageLength = corpus.averageLength || 1;
    for (const term of new Set(terms)) {
      const holders = this.byTerm.get(term);
      if (!holders) continue;
      const idf = bm25Idf(corpus.documents, corpus.containing(term));
      for (const [slot, tf] of holders) {
        if (allowed && !allowed.has(this.idAt[slot]!)) continue;
        if (sums[slot] === 0) touched.push(slot);
        sums[slot] += bm25Part(idf, tf, this.lengthAt[slot], averageLength);
      }
    }
    return {
      of: (id) => {
        const slot = this.slotOf.get(id);
        return slot === undefined ? 0 : sums[slot];
      },
      holders: () =>
        touched.map((slot) => ({
          id: this.idAt[slot]!,
          score: sums[slot],
          item: this.itemAt[slot]!,
        })),
    };
  }

  /** BM25 statistics over the whole scope, or over `allowed` ids of it with their term counts. */
  corpus(allowed?: { ids: Set<string>; totalTerms: number }): Bm25Corpus {
    if (!allowed) {
      return {
        documents: this.documents,
        averageLength: this.documents > 0 ? this.totalTerms / this.documents : 0,
        containing: (term) => this.byTerm.get(term)?.size ?? 0,
      };
    }
    const { ids, totalTerms } = allowed;
    return {
      documents: ids.size,
      averageLength: ids.size > 0 ? totalTerms / ids.size : 0,
      containing: (term) => this.countIn(this.byTerm.get(term), ids),
    };
  }

  private countIn(holders: Map<number, number> | undefined, ids: Set<string>): number {
    if (!holders) return 0;
    let count = 0;
    if (holders.size < ids.size) {
      for (const slot of holders.keys()) if (ids.has(this.idAt[slot]!)) count++;
    } else {
      for (const id of ids) {
        const slot = this.slotOf.get(id);
        if (slot !== undefined && holders.has(slot)) count++;
      }
    }
    return count;
  }

  private grow(): void {
    const larger = new Float64Array(this.lengthAt.length * 2);
    larger.set(this.lengthAt);
    this.lengthAt = larger;
  }
}

// A map slot with its Map, one Map entry, and a memory's slot (id map entry, id, item, length).
const postingBytes = 160;
const entryBytes = 24;
const slotBytes = 80 + 8 + 8 + 8;

function termCounts(terms: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
