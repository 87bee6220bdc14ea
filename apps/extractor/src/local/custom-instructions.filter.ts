import type { FactCategory } from './fact-category';
import { classifyFact } from './fact-classifier';
import { contentStems } from './fact-stems';

/**
 * Rules cannot follow free-form instructions, so only their topic limits are honoured: "only extract facts
 * about food and travel" keeps facts of those topics, "do not store health information" drops them.
 * A topic matches by category (food -> diet, allergies, ...) or by a word of the fact; the rest is ignored.
 */
export interface TopicLimits {
  readonly only: readonly string[];
  readonly never: readonly string[];
}

const ONLY =
  /\b(?:only|exclusively|solely|just)\s+(?:extract|keep|remember|store|capture|record|track|save|include|focus on|care about)?\s*(?:the\s+)?(?:facts?|information|info|details?|memories|things|data|preferences)?\s*(?:about|on|related to|regarding|concerning|relevant to|that relate to|of|from)?\s+([^.\n]+)|\bfocus(?:\s+only)?\s+on\s+([^.\n]+)/i;
const NEVER =
  /\b(?:do not|don't|never|avoid|ignore|exclude|skip|no)\s+(?:extract(?:ing)?|keep(?:ing)?|remember(?:ing)?|stor(?:e|ing)|captur(?:e|ing)|record(?:ing)?|track(?:ing)?|sav(?:e|ing)|includ(?:e|ing))?\s*(?:any(?:thing)?\s+)?(?:facts?|information|info|details?|memories|data)?\s*(?:about|on|related to|regarding|concerning)?\s+([^.\n]+)/i;

const TOPIC_CATEGORIES: ReadonlyArray<[RegExp, readonly FactCategory[]]> = [
  [
    /^(?:food|diet|dietary|cuisine|eat|dine|restaur|meal|cook|nutrit|drink)/,
    ['diet', 'diet-rule', 'allergy', 'restriction', 'favourite'],
  ],
  [
    /^(?:health|medic|allerg|condit|diseas|fit)/,
    ['health', 'allergy', 'diet', 'diet-rule', 'restriction'],
  ],
  [/^(?:travel|trip|vacat|holidai|flight|hotel)/, ['plan', 'location', 'origin']],
  [
    /^(?:work|job|career|profession|employ|occup|educ|school|studi)/,
    ['job', 'employer', 'education'],
  ],
  [
    /^(?:famili|relationship|kid|children|child|spous|pet)/,
    ['family', 'family-count', 'relationship'],
  ],
  [
    /^(?:person|ident|profil|demograph|biograph|name|ag)$/,
    ['name', 'age', 'location', 'origin', 'job', 'employer', 'relationship'],
  ],
  [
    /^(?:prefer|like|tast|interest|hobbi|favourit)/,
    ['preference', 'favourite', 'hobby', 'price-level'],
  ],
  [/^(?:budget|monei|price|financ|spend|cost|shop)/, ['budget', 'price-level', 'goal']],
  [/^(?:locat|address|citi|home|live)/, ['location', 'origin', 'past-location']],
  [/^(?:plan|schedul|event|appoint|goal)/, ['plan', 'goal']],
];

export function readTopicLimits(instructions: string | undefined): TopicLimits {
  if (!instructions) return { only: [], never: [] };
  const only = ONLY.exec(instructions);
  const never = NEVER.exec(instructions);
  return { only: topicsOf(only?.[1] ?? only?.[2]), never: topicsOf(never?.[1]) };
}

function topicsOf(phrase: string | undefined): string[] {
  if (!phrase) return [];
  return contentStems(phrase.replace(/\b(?:and|or|the|user's|user|their|his|her)\b/gi, ' ')).filter(
    (stem) =>
      /^[a-z]{2,}$/.test(stem) &&
      !/^(?:fact|inform|info|detail|memori|thing|data|topic)$/.test(stem),
  );
}

/** Applies the topic limits of `instructions` to `facts`; no limits found leaves them all. */
export function filterByInstructions(
  facts: readonly string[],
  instructions: string | undefined,
): string[] {
  const limits = readTopicLimits(instructions);
  return facts.filter(
    (fact) =>
      (limits.only.length === 0 || touches(fact, limits.only)) &&
      (limits.never.length === 0 || !touches(fact, limits.never)),
  );
}

function touches(fact: string, topics: readonly string[]): boolean {
  const { category } = classifyFact(fact);
  const words = new Set(contentStems(fact));
  return topics.some(
    (topic) =>
      words.has(topic) ||
      TOPIC_CATEGORIES.some(
        ([pattern, categories]) => pattern.test(topic) && categories.includes(category),
      ),
  );
}
