import type { CategoryDefinition } from './category-definition';
import { defaultCategories } from './default-categories';

const known = new Map(defaultCategories.map((category) => [category.name, category.keywords]));
const ignored = new Set([
  'the',
  'and',
  'or',
  'of',
  'a',
  'an',
  'to',
  'in',
  'on',
  'for',
  'with',
  'about',
  'user',
  'users',
  'their',
  'any',
  'other',
]);

/**
 * Offline categories: keyword lists for Mem0's defaults, the words of name and description for
 * custom ones; `misc` (when listed) for a text no category fits.
 */
export function categoriseByRules(texts: string[], categories: CategoryDefinition[]): string[][] {
  const vocabularies = categories.map((category) => ({
    name: category.name,
    words: new Set([
      ...(known.get(category.name) ?? []),
      ...wordsOf(`${category.name} ${category.description}`),
    ]),
  }));
  const fallback = categories.some((category) => category.name === 'misc') ? ['misc'] : [];
  return texts.map((text) => {
    const words = wordsOf(text);
    const hits = vocabularies.filter((v) =>
      words.some((word) => v.words.has(word) || v.words.has(singular(word))),
    );
    return hits.length > 0 ? hits.map((v) => v.name) : fallback;
  });
}

function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter(
    (word) => word.length > 1 && !ignored.has(word),
  );
}

function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word;
}
