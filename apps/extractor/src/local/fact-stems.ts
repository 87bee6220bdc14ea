import { tokenColumn, winkNlp } from './wink-nlp.instance';

const STOP_WORDS = new Set(
  (
    'a an the of to in at on for with and or my his her their its our your some any very really ' +
    'also just is are am be been was were that this these those it as by from currently now still ' +
    'user agent assistant he she they i me we has have had do doe did , . ! ? ; : ( ) " \' -'
  ).split(' '),
);

/** Words that carry no identity in a preference object ("Sichuan food" is "Sichuan cuisine"). */
const GENERIC_OBJECT_WORDS = new Set(['food', 'cuisin', 'dish', 'stuff', 'thing', 'meal', 'kind']);

/** Stems that mean the same for matching purposes, after Porter stemming. */
const SYNONYMS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  "n't": 'not',
  never: 'not',
  children: 'kid',
  child: 'kid',
  kid: 'kid',
  love: 'like',
  enjoy: 'like',
  prefer: 'like',
  ador: 'like',
  fond: 'like',
  fan: 'like',
  hate: 'dislik',
  detest: 'dislik',
  loath: 'dislik',
  favorit: 'favourit',
  color: 'colour',
  around: 'about',
  approxim: 'about',
  roughli: 'about',
  approx: 'about',
  '~': 'about',
  rmb: 'cny',
  yuan: 'cny',
  kuai: 'cny',
  dollar: 'usd',
  $: 'usd',
  buck: 'usd',
  euro: 'eur',
  '€': 'eur',
  pound: 'gbp',
  '£': 'gbp',
  yen: 'jpy',
  life: 'live',
  resid: 'live',
  base: 'live',
  locat: 'live',
  move: 'live',
  reloc: 'live',
  travel: 'travel',
  go: 'travel',
  fly: 'travel',
  visit: 'travel',
  head: 'travel',
  trip: 'travel',
  journey: 'travel',
  employ: 'work',
  job: 'work',
};

const cache = new Map<string, string[]>();

/** Porter stems of the content words of `text`, synonyms folded, stop words dropped, in order. */
export function contentStems(text: string): string[] {
  const key = text.toLowerCase();
  const hit = cache.get(key);
  if (hit) return hit;
  const tokens = winkNlp().readDoc(key).tokens();
  const words = tokenColumn(tokens, 'normal');
  const lemmas = tokenColumn(tokens, 'lemma');
  const stems = tokenColumn(tokens, 'stem')
    .map((stem, i) => (isIrregular(words[i], lemmas[i]) ? lemmas[i] : stem))
    .map((stem) => SYNONYMS[stem] ?? stem)
    .filter((stem) => !STOP_WORDS.has(stem));
  if (cache.size > 10_000) cache.clear();
  cache.set(key, stems);
  return stems;
}

/** An irregular form ("went" -> "go") that stemming cannot bring back to its base. */
function isIrregular(word: string, lemma: string): boolean {
  return lemma.slice(0, 2) !== word.slice(0, 2);
}

/** Stems of a preference-like object without its generic head nouns, unless nothing would remain. */
export function objectStems(text: string): string[] {
  const stems = contentStems(text);
  const specific = stems.filter((stem) => !GENERIC_OBJECT_WORDS.has(stem));
  return specific.length > 0 ? specific : stems;
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return isSubset(a, b) && isSubset(b, a);
}

export function isSubset(small: readonly string[], big: readonly string[]): boolean {
  const set = new Set(big);
  return small.every((item) => set.has(item));
}

/** Jaccard similarity of two stem sets. */
export function overlap(a: readonly string[], b: readonly string[]): number {
  const setA = new Set(a);
  const setB = new Set(b);
  if (setA.size === 0 && setB.size === 0) return 1;
  let shared = 0;
  for (const item of setA) if (setB.has(item)) shared += 1;
  return shared / (setA.size + setB.size - shared);
}
