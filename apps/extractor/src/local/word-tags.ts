import type { PartOfSpeech } from 'wink-nlp';
import { tokenColumn, winkNlp } from './wink-nlp.instance';

const tagCache = new Map<string, PartOfSpeech>();

/** How a word reads after "i am" in lower case; tells "happy" (ADJ) from "tom" (NOUN) when both are capitalised. */
export function tagAfterIAm(word: string): PartOfSpeech {
  const key = word.toLowerCase();
  const hit = tagCache.get(key);
  if (hit) return hit;
  const tag = tokenColumn(winkNlp().readDoc(`i am ${key}.`).tokens(), 'pos')[2] as PartOfSpeech;
  tagCache.set(key, tag);
  return tag;
}

/** The base form of the first word ("visiting" -> "visit"). */
export function lemmaOf(word: string): string {
  return tokenColumn(winkNlp().readDoc(word.toLowerCase()).tokens(), 'lemma')[0] ?? word;
}
