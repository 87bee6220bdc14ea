import type { ClassifiedFact } from './fact-category';
import { isSubset, overlap, sameSet } from './fact-stems';

/** How a new fact stands to a stored one. */
export type FactRelation = 'same' | 'contradicts' | 'refines' | 'replaces' | 'unrelated';

/** Stem overlap above which two uncategorised facts say the same thing. */
const FREE_SAME = 0.7;

export function relate(next: ClassifiedFact, known: ClassifiedFact): FactRelation {
  if (
    next.polarity === known.polarity &&
    next.stems.length > 0 &&
    sameSet(next.stems, known.stems)
  ) {
    return 'same';
  }
  if (next.category !== known.category || next.slot !== known.slot) return 'unrelated';
  if (next.category === 'free') return relateFree(next, known);
  const valuesMatch =
    next.singleValued || known.singleValued
      ? isSubset(next.value, known.value) || isSubset(known.value, next.value)
      : sameSet(next.value, known.value);
  if (next.polarity !== known.polarity) return valuesMatch ? 'contradicts' : 'unrelated';
  if (valuesMatch) return isSubset(next.detail, known.detail) ? 'same' : 'refines';
  return next.singleValued ? 'replaces' : 'unrelated';
}

function relateFree(next: ClassifiedFact, known: ClassifiedFact): FactRelation {
  const close = overlap(next.value, known.value) >= FREE_SAME;
  if (next.polarity !== known.polarity) return close ? 'contradicts' : 'unrelated';
  if (close || (next.value.length >= 2 && isSubset(next.value, known.value))) return 'same';
  return known.value.length >= 2 && isSubset(known.value, next.value) ? 'refines' : 'unrelated';
}
