import type { Bm25Corpus } from '../search/keyword-scoring';

/**
 * Which memories hold each keyword term, and the scope's total term count: the BM25 statistics of
 * the whole scope, so a ranking over a few candidates weighs terms as a scan of every row would.
 */
export class KeywordPostings {
  private readonly byTerm = new Map<string, Set<string>>();
  private totalTerms = 0;
  private documents = 0;
  bytes = 0;

  add(id: string, terms: string[]): void {
    this.documents++;
    this.totalTerms += terms.length;
    for (const term of new Set(terms)) {
      let holders = this.byTerm.get(term);
      if (!holders) {
        holders = new Set();
        this.byTerm.set(term, holders);
        this.bytes += postingBytes + 2 * term.length;
      }
      holders.add(id);
      this.bytes += entryBytes;
    }
  }

  remove(id: string, terms: string[]): void {
    this.documents--;
    this.totalTerms -= terms.length;
    for (const term of new Set(terms)) {
      const holders = this.byTerm.get(term);
      if (!holders?.delete(id)) continue;
      this.bytes -= entryBytes;
      if (holders.size > 0) continue;
      this.byTerm.delete(term);
      this.bytes -= postingBytes + 2 * term.length;
    }
  }

  /** Ids holding any of the terms, restricted to `allowed` when given. */
  holders(terms: string[], allowed?: Set<string>): Set<string> {
    const found = new Set<string>();
    for (const term of new Set(terms)) {
      for (const id of this.byTerm.get(term) ?? []) {
        if (!allowed || allowed.has(id)) found.add(id);
      }
    }
    return found;
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
      containing: (term) => countIn(this.byTerm.get(term), ids),
    };
  }
}

// A map slot with its Set, and one Set entry (V8, rough).
const postingBytes = 160;
const entryBytes = 24;

function countIn(holders: Set<string> | undefined, ids: Set<string>): number {
  if (!holders) return 0;
  const [small, large] = holders.size < ids.size ? [holders, ids] : [ids, holders];
  let count = 0;
  for (const id of small) if (large.has(id)) count++;
  return count;
}
