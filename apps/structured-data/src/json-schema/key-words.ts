import { eng as englishStopwords } from 'stopword';
import stem from 'wink-porter2-stemmer';

const stopwords = new Set([...englishStopwords, 'list', 'lists', 'user', 'users', 'info']);

/** `favoriteFoods`, `favorite_foods`, `Favorite Foods` -> `favorite_foods`. */
export function normaliseKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The stems a key is about: its words, stopwords dropped, Porter2-stemmed. */
export function keyStems(key: string): string[] {
  return normaliseKey(key)
    .split('_')
    .filter((word) => word.length > 1 && !stopwords.has(word))
    .map(stem);
}

/** The stems of a text's words, for matching against a key's stems. */
export function textStems(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(stem);
}

/** Two stems match when equal, or when one extends the other and the shorter has 4+ letters. */
export function stemsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short);
}
