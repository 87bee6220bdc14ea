import {
  isSingleValued,
  type ClassifiedFact,
  type FactCategory,
  type FactPolarity,
} from './fact-category';
import {
  CATEGORY_PATTERNS,
  NEGATED_PATTERNS,
  type CategoryPattern,
  type PatternReading,
} from './fact-classifier.patterns';
import { contentStems, objectStems } from './fact-stems';
import { factsOfStatement } from './statement-facts';

const SUBJECTS =
  /^(?:(?:the\s+)?(?:user|agent|assistant|customer|client|person|human)(?:'s)?|he|she|they|his|her|their)\s+/i;
const LEADING_NEGATION =
  /^(?:is no longer|is not|isn't|no longer|does not|doesn't|do not|don't|has stopped being|stopped being|quit being|not|never)\s+/i;
const TRAILING_NEGATION = /\s+(?:anymore|any more)$/i;
const FIRST_PERSON = /^(?:i|i'm|i've|my|we|our)\b/i;

const cache = new Map<string, ClassifiedFact>();

/**
 * Reads what a fact is about, whether this extractor wrote it ("Lives in Hangzhou") or something else did
 * ("User lives in Hangzhou, China", "I live in Hangzhou").
 */
export function classifyFact(text: string): ClassifiedFact {
  const key = text.trim();
  const hit = cache.get(key);
  if (hit) return hit;
  const classified = classifyFresh(key);
  if (cache.size > 10_000) cache.clear();
  cache.set(key, classified);
  return classified;
}

function classifyFresh(text: string): ClassifiedFact {
  const plain = text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/[.!;]+$/, '')
    .trim();
  if (FIRST_PERSON.test(plain)) {
    const [stated] = factsOfStatement(plain, { today: '1970-01-01', agentMemory: false });
    if (stated && !FIRST_PERSON.test(stated.fact)) return classifyFresh(stated.fact);
  }
  const subjectless = plain.replace(SUBJECTS, '').toLowerCase();
  const stems = contentStems(subjectless);
  const own = match(NEGATED_PATTERNS, subjectless);
  if (own)
    return build(own.pattern, own.reading, own.reading.negated ? 'negated' : 'affirmed', stems);
  const { statement, polarity } = withoutNegation(subjectless);
  const found = match(CATEGORY_PATTERNS, statement);
  if (found) return build(found.pattern, found.reading, polarity, stems);
  const value = contentStems(statement).filter((stem) => stem !== 'not');
  return assemble('free', '', polarity, value, value, stems);
}

function withoutNegation(text: string): { statement: string; polarity: FactPolarity } {
  const statement = text.replace(LEADING_NEGATION, '').replace(TRAILING_NEGATION, '');
  return { statement, polarity: statement === text ? 'affirmed' : 'negated' };
}

function match(
  patterns: readonly CategoryPattern[],
  text: string,
): { pattern: CategoryPattern; reading: PatternReading } | undefined {
  for (const pattern of patterns) {
    const found = pattern.pattern.exec(text);
    if (!found) continue;
    const reading = pattern.read ? pattern.read(found) : { value: found[1] ?? '' };
    if (reading && reading.value.trim()) return { pattern, reading };
  }
  return undefined;
}

function build(
  pattern: CategoryPattern,
  reading: PatternReading,
  polarity: FactPolarity,
  stems: readonly string[],
): ClassifiedFact {
  const stemsOf = pattern.objectLike ? objectStems : contentStems;
  const value = stemsOf(reading.value);
  const detail = reading.detail ? contentStems(reading.detail) : value;
  // Relatives are closed words already; a favourite's kind ("colors") needs stemming to meet "colour".
  const slot =
    reading.slot && pattern.category !== 'family'
      ? contentStems(reading.slot).join(' ') || reading.slot
      : (reading.slot ?? '');
  return assemble(pattern.category, slot, polarity, value, detail, stems);
}

function assemble(
  category: FactCategory,
  slot: string,
  polarity: FactPolarity,
  value: readonly string[],
  detail: readonly string[],
  stems: readonly string[],
): ClassifiedFact {
  const singleValued = isSingleValued(category, slot) && polarity === 'affirmed';
  const key = singleValued ? [] : [[...new Set(value)].sort().join(' ')];
  const attribute = [category, slot, ...key].filter(Boolean).join(':');
  return { attribute, category, slot, polarity, singleValued, value, detail, stems };
}
