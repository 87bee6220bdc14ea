import { eng as englishStopwords } from 'stopword';
import stem from 'wink-porter2-stemmer';

const stopwords = new Set(englishStopwords);
const contractionParts = new Set(['s', 'm', 't', 'd', 'll', 're', 've']);

/** Lower-cased, stopwords removed, Porter2-stemmed terms; CJK runs kept whole. */
export function keywordTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms: string[] = [];
  for (const word of words) {
    // Apostrophes split words: the leftovers of "I'm" or "Bob's" carry nothing.
    if (stopwords.has(word) || contractionParts.has(word)) continue;
    terms.push(/^[a-z]+$/.test(word) ? stem(word) : word);
  }
  return terms;
}

export interface Bm25Options {
  k1: number;
  b: number;
}

const defaults: Bm25Options = { k1: 1.2, b: 0.75 };

/** Okapi BM25 of each document against the query, statistics taken over these documents. */
export function bm25Scores(query: string[], documents: string[][], options = defaults): number[] {
  const queryTerms = [...new Set(query)];
  if (queryTerms.length === 0 || documents.length === 0) return documents.map(() => 0);
  const averageLength = documents.reduce((sum, doc) => sum + doc.length, 0) / documents.length || 1;
  const frequencies = documents.map(termCounts);
  const idf = new Map<string, number>();
  for (const term of queryTerms) {
    const containing = frequencies.reduce((n, counts) => n + (counts.has(term) ? 1 : 0), 0);
    idf.set(term, Math.log(1 + (documents.length - containing + 0.5) / (containing + 0.5)));
  }
  return frequencies.map((counts, index) => {
    const length = documents[index].length;
    let score = 0;
    for (const term of queryTerms) {
      const tf = counts.get(term) ?? 0;
      if (tf === 0) continue;
      const norm = tf + options.k1 * (1 - options.b + (options.b * length) / averageLength);
      score += (idf.get(term) ?? 0) * ((tf * (options.k1 + 1)) / norm);
    }
    return score;
  });
}

function termCounts(terms: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
