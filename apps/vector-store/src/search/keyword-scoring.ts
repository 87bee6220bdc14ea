import { eng as englishStopwords } from 'stopword';
import stem from 'wink-porter2-stemmer';
import { cjkTerms, hasCjk, spaceCjkRuns } from '@mnemo/providers';

const stopwords = new Set(englishStopwords);
const contractionParts = new Set(['s', 'm', 't', 'd', 'll', 're', 've']);

/**
 * Lower-cased, stopwords removed, Porter2-stemmed terms; runs of Han or kana give their words and
 * character pairs (`cjkTerms`), so "我在Hangzhou工作" has terms in both languages.
 */
export function keywordTerms(text: string): string[] {
  return termsOf(text, cjkTerms);
}

/**
 * `keywordTerms` in the text's order throughout (for phrase and proximity matching): runs of Han
 * or kana give their character pairs alone, in order, instead of words and pairs.
 */
export function positionalTerms(text: string): string[] {
  return termsOf(text, characterPairs);
}

function termsOf(text: string, cjk: (run: string) => string[]): string[] {
  const words = spaceCjkRuns(text.toLowerCase()).match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms: string[] = [];
  for (const word of words) {
    // Apostrophes split words: the leftovers of "I'm" or "Bob's" carry nothing.
    if (stopwords.has(word) || contractionParts.has(word)) continue;
    if (/^[a-z]+$/.test(word)) terms.push(stem(word));
    else if (hasCjk(word)) terms.push(...cjk(word));
    else terms.push(word);
  }
  return terms;
}

function characterPairs(run: string): string[] {
  const characters = [...run];
  if (characters.length === 1) return characters;
  return characters.slice(1).map((character, i) => characters[i] + character);
}

export interface Bm25Options {
  k1: number;
  b: number;
}

// Anserini's defaults: memories are short, so length normalisation is kept mild.
const defaults: Bm25Options = { k1: 0.9, b: 0.4 };

/** BM25 statistics of a larger collection the scored documents were drawn from. */
export interface Bm25Corpus {
  documents: number;
  averageLength: number;
  containing: (term: string) => number;
}

/**
 * Okapi BM25 of each document against the query, statistics taken over these documents, or over
 * `corpus` when the documents are candidates picked from it.
 */
export function bm25Scores(
  query: string[],
  documents: string[][],
  options = defaults,
  corpus?: Bm25Corpus,
): number[] {
  const queryTerms = [...new Set(query)];
  if (queryTerms.length === 0 || documents.length === 0) return documents.map(() => 0);
  const averageLength =
    (corpus?.averageLength ??
      documents.reduce((sum, doc) => sum + doc.length, 0) / documents.length) ||
    1;
  const total = corpus?.documents ?? documents.length;
  const frequencies = queryTermCounts(queryTerms, documents);
  const idf = frequencies.map((counts, q) =>
    bm25Idf(
      total,
      corpus ? corpus.containing(queryTerms[q]) : counts.reduce((n, tf) => n + (tf > 0 ? 1 : 0), 0),
    ),
  );
  return documents.map((document, index) => {
    let score = 0;
    frequencies.forEach((counts, q) => {
      const tf = counts[index];
      if (tf === 0) return;
      score += bm25Part(idf[q], tf, document.length, averageLength, options);
    });
    return score;
  });
}

/** Inverse document frequency of a term `containing` of `total` documents hold (BM25+ style, never negative). */
export function bm25Idf(total: number, containing: number): number {
  return Math.log(1 + (total - containing + 0.5) / (containing + 0.5));
}

/** One query term's share of a document's BM25: `tf` times in a document of `length` terms. */
export function bm25Part(
  idf: number,
  tf: number,
  length: number,
  averageLength: number,
  options = defaults,
): number {
  const norm = tf + options.k1 * (1 - options.b + (options.b * length) / averageLength);
  return idf * ((tf * (options.k1 + 1)) / norm);
}

// Counts only the query's terms, per query term and document: no map per document on a hot path.
function queryTermCounts(queryTerms: string[], documents: string[][]): Uint32Array[] {
  const position = new Map(queryTerms.map((term, q) => [term, q]));
  const counts = queryTerms.map(() => new Uint32Array(documents.length));
  documents.forEach((document, index) => {
    for (const term of document) {
      const q = position.get(term);
      if (q !== undefined) counts[q][index] += 1;
    }
  });
  return counts;
}
