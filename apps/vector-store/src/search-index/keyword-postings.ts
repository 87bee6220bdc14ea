import { bm25Idf, bm25Part, type Bm25Corpus } from '../search/keyword-scoring';

/** One memory holding a query term (by its slot), with its BM25. */
export interface KeywordHolder {
  slot: number;
  score: number;
}

/**
 * A query's BM25 over the postings. A query holding one term is walked lazily and only as far as
 * a question needs: the term's holders in buckets of equal share (the same count in memories of
 * the same length), highest share first, a bucket left alone when its share stays at or below
 * what is asked. One holding several is scored whole at once. Every score handed back is a
 * memory's whole BM25.
 */
export interface KeywordSearch {
  /** BM25 of the memory in `slot`: 0 when it holds no query term (or is not allowed) */
  of(slot: number): number;
  /** the holder with the highest BM25, or undefined when no allowed memory holds a query term */
  best(): KeywordHolder | undefined;
  /** every holder whose BM25 is above `threshold` */
  above(threshold: number): KeywordHolder[];
}

// The holders of one term that hold it `count` times in memories of `length` terms: one BM25 share.
interface Bucket {
  count: number;
  length: number;
  slots: Set<number>;
}

interface Posting {
  // slot -> how many times the memory's terms hold the term
  counts: Map<number, number>;
  // bucketKey(count, length) -> the holders with that share
  buckets: Map<number, Bucket>;
}

/**
 * Which memories hold each keyword term and how often, and the scope's total term count: the BM25
 * statistics of the whole scope, so a ranking over a few candidates weighs terms as a scan of every
 * row would, and the keyword scores of a term's holders come from its posting alone. Memories have
 * a slot number, so postings hold numbers instead of ids. Slots are not reused: whoever keeps
 * things by slot beside the postings (the graph, the vectors) never sees a slot change owner.
 */
export class KeywordPostings<T> {
  private readonly byTerm = new Map<string, Posting>();
  private readonly slots = new Map<string, number>();
  private readonly idAt: (string | undefined)[] = [];
  private readonly itemAt: (T | undefined)[] = [];
  private lengthAt = new Float64Array(1024);
  // One search's scores by slot, valid where stamps hold its stamp (see `scratch`).
  private stamps = new Uint32Array(0);
  private sums = new Float64Array(0);
  private stamp = 0;
  private totalTerms = 0;
  private documents = 0;
  bytes = 0;

  /** Adds a memory under a new slot, which it returns; `item` is what `item(slot)` hands back. */
  add(id: string, terms: string[], item: T): number {
    const slot = this.idAt.length;
    if (slot >= this.lengthAt.length) this.grow();
    this.slots.set(id, slot);
    this.idAt[slot] = id;
    this.itemAt[slot] = item;
    this.lengthAt[slot] = terms.length;
    this.documents++;
    this.totalTerms += terms.length;
    this.bytes += slotBytes;
    for (const [term, count] of termCounts(terms)) {
      let posting = this.byTerm.get(term);
      if (!posting) {
        posting = { counts: new Map(), buckets: new Map() };
        this.byTerm.set(term, posting);
        this.bytes += postingBytes + 2 * term.length;
      }
      posting.counts.set(slot, count);
      const key = bucketKey(count, terms.length);
      let bucket = posting.buckets.get(key);
      if (!bucket) {
        bucket = { count, length: terms.length, slots: new Set() };
        posting.buckets.set(key, bucket);
        this.bytes += bucketBytes;
      }
      bucket.slots.add(slot);
      this.bytes += entryBytes;
    }
    return slot;
  }

  /** Whether `slot` holds a memory (it was handed out and its memory not removed since). */
  holdsSlot(slot: number): boolean {
    return this.idAt[slot] !== undefined;
  }

  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  /** The item the memory in `slot` was added (or replaced) with. */
  item(slot: number): T {
    return this.itemAt[slot]!;
  }

  /** The item handed back with `id` from now on (its terms stay). */
  replace(id: string, item: T): void {
    const slot = this.slots.get(id);
    if (slot !== undefined) this.itemAt[slot] = item;
  }

  remove(id: string, terms: string[]): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    const length = this.lengthAt[slot];
    this.documents--;
    this.totalTerms -= length;
    this.bytes -= slotBytes;
    for (const term of new Set(terms)) {
      const posting = this.byTerm.get(term);
      const count = posting?.counts.get(slot);
      if (!posting || count === undefined) continue;
      posting.counts.delete(slot);
      this.bytes -= entryBytes;
      const key = bucketKey(count, length);
      const bucket = posting.buckets.get(key)!;
      bucket.slots.delete(slot);
      if (bucket.slots.size === 0) {
        posting.buckets.delete(key);
        this.bytes -= bucketBytes;
      }
      if (posting.counts.size > 0) continue;
      this.byTerm.delete(term);
      this.bytes -= postingBytes + 2 * term.length;
    }
    this.slots.delete(id);
    this.idAt[slot] = undefined;
    this.itemAt[slot] = undefined;
    this.bytes += holeBytes;
  }

  /**
   * BM25 of the memories holding a query term (of `allowed` when given), from the postings: the
   * sums `bm25Scores` makes over the memories' terms, in the same order, so the same numbers.
   *
   * A query holding one term (of those the scope has) walks that term's buckets lazily, highest
   * share first: every holder of a bucket scores its share, so a question stops at the first
   * bucket below what it asks. A query holding several is scored at once (`scoredAtOnce`).
   */
  search(terms: string[], corpus: Bm25Corpus, allowed?: Set<string>): KeywordSearch {
    const query = [...new Set(terms)];
    const averageLength = corpus.averageLength || 1;
    const postings = query.map((term) => this.byTerm.get(term));
    const idf = query.map((term, q) =>
      postings[q] ? bm25Idf(corpus.documents, corpus.containing(term)) : 0,
    );
    if (postings.filter(Boolean).length > 1) {
      return this.scoredAtOnce(postings, idf, averageLength, allowed);
    }
    const q = postings.findIndex(Boolean);
    const posting = postings[q];
    // As `bm25Scores` adds it: the one term's part, added to 0.
    const scoreOf = (slot: number): number => {
      const count = posting?.counts.get(slot);
      return count === undefined
        ? 0
        : 0 + bm25Part(idf[q], count, this.lengthAt[slot], averageLength);
    };
    const shares = [...(posting?.buckets.values() ?? [])].map((bucket) => ({
      share: bm25Part(idf[q], bucket.count, bucket.length, averageLength),
      slots: bucket.slots,
    }));
    shares.sort((a, b) => b.share - a.share);
    let next = 0;
    const scored = this.scratch();
    let best: number | undefined;
    let bestScore = -Infinity;
    // Walks the buckets while one could hold a memory above `bar()` (read as it rises).
    const walkAbove = (bar: () => number) => {
      for (; next < shares.length; next++) {
        const { share, slots } = shares[next];
        // A margin far above float rounding between a share and a holder's score.
        if (share * slack <= bar()) break;
        for (const slot of slots) {
          if (scored.has(slot)) continue;
          // Its score is the bucket's share (`scoreOf`'s very sum); NaN marks a holder the
          // filter leaves out: above no bar, never the best.
          const score = allowed && !allowed.has(this.idAt[slot]!) ? NaN : share;
          scored.set(slot, score);
          if (score > bestScore) {
            best = slot;
            bestScore = score;
          }
        }
      }
    };
    return {
      of: (slot) => {
        const id = this.idAt[slot];
        if (id === undefined || (allowed && !allowed.has(id))) return 0;
        return scored.has(slot) ? scored.get(slot) : scoreOf(slot);
      },
      best: () => {
        walkAbove(() => bestScore);
        return best === undefined ? undefined : { slot: best, score: bestScore };
      },
      above: (threshold) => {
        walkAbove(() => threshold);
        const holders: KeywordHolder[] = [];
        scored.each((slot, score) => {
          if (score > threshold) holders.push({ slot, score });
        });
        return holders;
      },
    };
  }

  /**
   * A query holding several terms scored whole at once, term by term in query order (the order
   * `bm25Scores` adds in, so the same numbers). The walk would score most holders of such a
   * query one by one anyway: a bucket's bound adds every later term's best share, which few
   * memories reach, so it prunes little, and each holder it scores costs a map lookup per term.
   * One pass over each term's holders adding into an array costs a fraction of that.
   */
  private scoredAtOnce(
    postings: (Posting | undefined)[],
    idf: number[],
    averageLength: number,
    allowed?: Set<string>,
  ): KeywordSearch {
    const scored = this.scratch();
    postings.forEach((posting, q) => {
      posting?.counts.forEach((count, slot) => {
        // NaN marks a holder the filter leaves out: above no bar, never the best.
        if (!scored.has(slot))
          scored.set(slot, allowed && !allowed.has(this.idAt[slot]!) ? NaN : 0);
        scored.add(slot, bm25Part(idf[q], count, this.lengthAt[slot], averageLength));
      });
    });
    let best: KeywordHolder | undefined;
    scored.each((slot, score) => {
      if (score > (best?.score ?? -Infinity)) best = { slot, score };
    });
    return {
      of: (slot) => {
        const id = this.idAt[slot];
        if (id === undefined || (allowed && !allowed.has(id)) || !scored.has(slot)) return 0;
        return scored.get(slot);
      },
      best: () => best,
      above: (threshold) => {
        const holders: KeywordHolder[] = [];
        scored.each((slot, score) => {
          if (score > threshold) holders.push({ slot, score });
        });
        return holders;
      },
    };
  }

  /**
   * The scores of one search, in arrays this index keeps: a search is run synchronously to its
   * end, so the next one takes them over (a search used after that throws instead of misreading).
   */
  private scratch() {
    if (this.stamps.length < this.idAt.length) {
      this.stamps = new Uint32Array(this.lengthAt.length);
      this.sums = new Float64Array(this.lengthAt.length);
    }
    const stamp = (this.stamp = (this.stamp % 0xffffffff) + 1);
    if (stamp === 1) this.stamps.fill(0);
    const { stamps, sums } = this;
    const touched: number[] = [];
    const current = () => {
      if (this.stamp !== stamp) throw new Error('a keyword search was read after the next began');
    };
    return {
      has: (slot: number) => stamps[slot] === stamp,
      get: (slot: number) => (current(), sums[slot]),
      set: (slot: number, score: number) => {
        current();
        stamps[slot] = stamp;
        sums[slot] = score;
        touched.push(slot);
      },
      /** Adds to the score of a slot already set. */
      add: (slot: number, part: number) => {
        sums[slot] += part;
      },
      each: (visit: (slot: number, score: number) => void) => {
        current();
        for (const slot of touched) visit(slot, sums[slot]);
      },
    };
  }

  /** BM25 statistics over the whole scope, or over `allowed` ids of it with their term counts. */
  corpus(allowed?: { ids: Set<string>; totalTerms: number }): Bm25Corpus {
    if (!allowed) {
      return {
        documents: this.documents,
        averageLength: this.documents > 0 ? this.totalTerms / this.documents : 0,
        containing: (term) => this.byTerm.get(term)?.counts.size ?? 0,
      };
    }
    const { ids, totalTerms } = allowed;
    return {
      documents: ids.size,
      averageLength: ids.size > 0 ? totalTerms / ids.size : 0,
      containing: (term) => this.countIn(this.byTerm.get(term)?.counts, ids),
    };
  }

  private countIn(holders: Map<number, number> | undefined, ids: Set<string>): number {
    if (!holders) return 0;
    let count = 0;
    if (holders.size < ids.size) {
      for (const slot of holders.keys()) if (ids.has(this.idAt[slot]!)) count++;
    } else {
      for (const id of ids) {
        const slot = this.slots.get(id);
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

const slack = 1 + 1e-9;

// A map slot with its Map of counts and Map of buckets; one bucket with its Set; one holder (its
// count entry and its bucket entry); a memory's slot (id map entry, id, item, length).
const postingBytes = 240;
const bucketBytes = 120;
const entryBytes = 48;
const slotBytes = 80 + 8 + 8 + 8;
// A removed memory's slot stays until the scope's graph is rebuilt: its three array entries.
const holeBytes = 8 + 8 + 8;

// Counts and lengths stay far below 2^26 terms, so the key is exact.
function bucketKey(count: number, length: number): number {
  return count * 2 ** 26 + length;
}

function termCounts(terms: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
