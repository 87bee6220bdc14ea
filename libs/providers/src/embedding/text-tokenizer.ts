import { cjkTerms, hasCjk, spaceCjkRuns } from '../text/cjk-terms';
// Letters, marks and digits, joined by single inner apostrophes or hyphens ("don't", "e-mail").
const WORD = /[\p{L}\p{M}\p{N}]+(?:['-][\p{L}\p{M}\p{N}]+)*/gu;
const LATIN_DIACRITIC = /[\u0300-\u036f]/g;
const APOSTROPHES = /[\u2019\u2018\u02bc\uff07]/g;
const SINGLE_LATIN_LETTER = /^[a-z]$/;

// English clitics, as GloVe's vocabulary has neither "n't" nor "'s" nor single letters.
const IRREGULAR_NEGATIONS: Readonly<Record<string, readonly string[]>> = {
  "can't": ['can', 'not'],
  "won't": ['will', 'not'],
  "shan't": ['shall', 'not'],
  "ain't": ['not'],
};
const CLITICS: readonly (readonly [suffix: string, replacement: string | null])[] = [
  ["n't", 'not'],
  ["'s", null],
  ["'re", 'are'],
  ["'ll", 'will'],
  ["'ve", 'have'],
  ["'m", 'am'],
  ["'d", 'would'],
];

/**
 * Splits text into lower-case tokens: accents folded (the vocabulary is ASCII), English
 * contractions expanded ("don't" -> do, not), other apostrophes split, hyphenated compounds kept
 * whole (the vocabulary has "e-mail"; see `splitCompound`), runs of Han and kana as their words
 * and character pairs (`cjkTerms`: hashed vectors that match the same words in other texts),
 * single Latin letters dropped ("a", "I": stop words the vocabulary lacks).
 */
export function tokenize(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(LATIN_DIACRITIC, '')
    .normalize('NFC')
    .replace(APOSTROPHES, "'");
  const tokens: string[] = [];
  for (const [word] of spaceCjkRuns(folded).matchAll(WORD)) {
    if (hasCjk(word)) tokens.push(...cjkTerms(word));
    else for (const token of expandApostrophes(word)) if (keep(token)) tokens.push(token);
  }
  return tokens;
}

/** The parts of a hyphenated token, for when the compound itself has no vector. */
export function splitCompound(token: string): string[] {
  return token.split('-').filter(keep);
}

function expandApostrophes(word: string): readonly string[] {
  if (!word.includes("'")) return [word];
  const irregular = IRREGULAR_NEGATIONS[word];
  if (irregular) return irregular;
  for (const [suffix, replacement] of CLITICS) {
    if (word.endsWith(suffix) && word.length > suffix.length) {
      const stem = expandApostrophes(word.slice(0, -suffix.length));
      return replacement === null ? stem : [...stem, replacement];
    }
  }
  return word.split("'");
}

function keep(token: string): boolean {
  return token.length > 0 && !SINGLE_LATIN_LETTER.test(token);
}
