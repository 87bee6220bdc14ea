import type { FactCategory } from './fact-category';
import {
  CONDITION_ADJECTIVES,
  CONDITION_NOUNS,
  CORE_DIETS,
  DIET_RULES,
  INTOLERANCES,
  NUMBER_WORDS,
  RELATIVE_PLURALS,
  RELATIVES,
  SPOUSES,
} from './lexicon';
import { alternation } from './phrase';
import { isOccupation, splitRole } from './rules/identity.rules';

/** What a match says: the value that identifies it, and optionally a slot and fuller detail. */
export interface PatternReading {
  readonly value: string;
  readonly slot?: string;
  readonly detail?: string;
  /** The wording itself negates ("dislikes", "avoids" are stated as negated likes). */
  readonly negated?: boolean;
}

/** A third-person wording of a category, matched against the lower-cased fact without its subject. */
export interface CategoryPattern {
  readonly category: FactCategory;
  readonly pattern: RegExp;
  readonly read?: (match: RegExpExecArray) => PatternReading | undefined;
  /** Generic words ("food", "cuisine") do not tell values apart. */
  readonly objectLike?: boolean;
}

const REL = alternation([...RELATIVES, ...Object.keys(RELATIVE_PLURALS)]);
const COUNT = 'a|an|one|two|three|four|five|six|seven|eight|nine|ten|\\d{1,2}';
const DIETS = alternation(CORE_DIETS);
const CONDITIONS = alternation([...CONDITION_ADJECTIVES, ...CONDITION_NOUNS]);
const SPOUSE_SET = new Set(SPOUSES);
const TIME_WORDS =
  /\b(?:next|this|last|coming|week|weekend|month|year|tomorrow|today|tonight|soon|on|in|of|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|\d[\d-]*)\b|\([^)]*\)/g;

function relativeSlot(word: string): string {
  const rel = RELATIVE_PLURALS[word] ?? word;
  return SPOUSE_SET.has(rel) ? 'spouse' : rel;
}

function p(
  category: FactCategory,
  pattern: RegExp,
  read?: CategoryPattern['read'],
  objectLike = false,
): CategoryPattern {
  return { category, pattern, read, objectLike };
}

const travel = (m: RegExpExecArray): PatternReading => ({ value: `travel ${m[1]}` });
const planOf = (m: RegExpExecArray): PatternReading => ({
  value: m[1].replace(TIME_WORDS, ' '),
  detail: m[1],
});

/** Patterns that carry their own negation; they run before a leading "not" is stripped. */
export const NEGATED_PATTERNS: readonly CategoryPattern[] = [
  p(
    'restriction',
    /^(?:avoids|tries to avoid|stays away from|cannot (?:eat|drink|have|consume|tolerate|digest)|can't (?:eat|drink|have|consume)|does not (?:eat|drink|consume)|doesn't (?:eat|drink|consume)|never (?:eats|drinks)) (.+)/,
    undefined,
    true,
  ),
  p(
    'preference',
    /^(?:dislikes|hates|detests|loathes|despises|cannot stand|can't stand|can not stand|(?:is )?not (?:a )?(?:big |huge )?fan of|(?:is )?not into|no longer (?:likes|loves|enjoys)|does not (?:like|enjoy|love)|doesn't (?:like|enjoy|love)|never liked) (.+)/,
    (m) => ({ value: m[1], negated: true }),
    true,
  ),
  p(
    'plan',
    /^(?:cancelled|canceled|called off) (?:the |a |his |her |their |its )?(?:trip|flight|vacation|holiday|visit) to (.+)/,
    (m) => ({ ...travel(m), negated: true }),
  ),
];

export const CATEGORY_PATTERNS: readonly CategoryPattern[] = [
  p(
    'name',
    /^(?:(?:full |first |real |nick)?name(?: is|:)|is called|is named|goes by(?: the name)?|named|prefers to be called|called) (.+)/,
  ),
  p('age', /^(?:is )?(\d{1,3}) (?:years?|yrs?) old\b/),
  p('age', /^(?:age(?: is|:)?|is aged|aged) (\d{1,3})\b/),
  p('age', /^(?:was )?born in ((?:19|20)\d\d)$/, (m) => ({ slot: 'birth', value: m[1] })),
  p('past-location', /^(?:used to live|previously lived|formerly lived|lived) in (.+)/),
  p(
    'location',
    /^(?:(?:currently|now|still|also) )?(?:lives?|living|resides?|residing|is based|based|is located|located|has moved|moved|relocated|has relocated|settled) (?:in|to|at) (.+)/,
  ),
  p(
    'location',
    /^(?:location|city|current city|home city|current location|residence|home)(?: is|:) (?:in )?(.+)/,
  ),
  p('origin', /^(?:is |comes |came )?(?:originally )?from (.+)/),
  p('origin', /^(?:was )?(?:born and raised|born|raised|grew up) in (.+)/),
  p('origin', /^(?:hometown|home town|home country|birthplace)(?: is|:) (.+)/),
  p('employer', /^(?:works?|working|is working|employed|is employed) (?:at|for|by|with) (.+)/),
  p('employer', /^(?:employer|company|workplace)(?: is|:) (.+)/),
  p('job', /^(?:works?|working|is working) as (?:an? )?(.+)/),
  p('job', /^(?:job|occupation|profession|job title|position)(?: is|:) (?:an? )?(.+)/),
  p('job', /^(.+) by (?:profession|trade)$/),
  p('job', /^is (retired|unemployed|self-employed|between jobs|a freelancer)\b/),
  p('job', /^is (?:an? )?(.+)$/, (m) =>
    isOccupation(splitRole(m[1]).role) ? { value: splitRole(m[1]).role } : undefined,
  ),
  p(
    'education',
    /^(?:studies|studying|is studying|studied|majors? in|majoring in|graduated from|is a student at|attends) (.+)/,
  ),
  p('family', /^has an? (\w+(?: friend)?) named (.+)/, (m) => ({
    slot: relativeSlot(m[1]),
    value: m[2],
  })),
  p(
    'family',
    new RegExp(`^(${REL})(?:'s)? (?:name is|is named|is called|named|is|:) (.+)`),
    (m) => ({ slot: relativeSlot(m[1]), value: m[2] }),
  ),
  p(
    'relationship',
    /^is (married|engaged|divorced|single|widowed|separated|in a relationship)\b(.*)/,
    (m) => ({ value: m[1], detail: m[0] }),
  ),
  p('family-count', new RegExp(`^has (${COUNT}) (?:\\w+ )?(${REL})\\b(.*)`), (m) => ({
    slot: relativeSlot(m[2]),
    value: NUMBER_WORDS[m[1]] ?? m[1],
    detail: m[0],
  })),
  p('family-count', /^is an? (?:mother|father|mom|mum|dad|parent) of (\w+)/, (m) => ({
    slot: 'kid',
    value: NUMBER_WORDS[m[1]] ?? m[1],
  })),
  p('allergy', /^(?:is )?(?:(?:very|severely|mildly|highly) )?allergic to (.+)/, undefined, true),
  p('allergy', /^has (?:an? |some )?allerg(?:y|ies) to (.+)/, undefined, true),
  p('allergy', /^(?:has an? )?(.+?) allerg(?:y|ies)$/, undefined, true),
  p('allergy', /^allerg(?:y|ies)(?: to|:) (.+)/, undefined, true),
  p(
    'diet',
    new RegExp(
      `^(?:is |eats |follows |is on )?(?:an? )?(?:strict |strictly )?(${DIETS})(?: diet)?$`,
    ),
  ),
  p(
    'diet-rule',
    new RegExp(
      `^(?:follows |is on |eats |keeps |is )?(?:an? )?(?:strict |strictly )?(${alternation(DIET_RULES)})(?: diet)?$`,
    ),
  ),
  p(
    'health',
    new RegExp(
      `^(?:is )?(?:(?:very|slightly|severely) )?((?:${alternation(INTOLERANCES)}) intoleran(?:t|ce))$`,
    ),
  ),
  p('health', new RegExp(`^(?:is |has |suffers from |lives with )(?:an? )?(${CONDITIONS})\\b`)),
  p('health', /^(?:was |has been )?diagnosed with (.+)/),
  p(
    'price-level',
    /^(?:prefers (?:affordable|cheap|inexpensive|budget[- ]friendly|low[- ]cost)|is on a (?:tight |limited )?budget|is price[- ]sensitive|is budget[- ]conscious)\b/,
    () => ({ value: 'affordable' }),
  ),
  p(
    'price-level',
    /^(?:price is not a concern|money is no object|prefers (?:high-end|luxury|upscale))/,
    () => ({ value: 'unlimited' }),
  ),
  p('budget', /^(?:has an? )?budget(?: is| of|:)? (.+)/, (m) => {
    const scope = / for (?:the |a |an |his |her |their )?([a-z]+)\b/.exec(m[1]);
    return { slot: scope?.[1] ?? '', value: scope ? m[1].slice(0, scope.index) : m[1] };
  }),
  p('budget', /^(?:is )?(?:willing to|can|wants to|plans to|able to) (?:spend|pay) (.+)/),
  p('favourite', /^favou?rite ([a-z]+(?: [a-z]+)?) (?:is|are|:) (.+)/, (m) => ({
    slot: m[1],
    value: m[2],
  })),
  p(
    'preference',
    /^(?:likes?|loves?|enjoys?|prefers?|adores?|appreciates|is into|into|(?:is )?(?:a )?(?:big |huge )?fan of|(?:is )?fond of|(?:is )?passionate about|(?:is )?crazy about|(?:is )?interested in|(?:is )?keen on|has a soft spot for) (.+?)(?: (?:over|rather than|instead of) .+)?$/,
    undefined,
    true,
  ),
  p(
    'hobby',
    /^(?:plays|practices|practises|hobbies are|hobby is|enjoys playing) (.+)/,
    undefined,
    true,
  ),
  p('language', /^speaks (.+)/),
  p(
    'plan',
    /^(?:plans|planning|is planning|plans) (?:an? )?(?:trip|visit|vacation|holiday) to (.+)/,
    travel,
  ),
  p(
    'plan',
    /^(?:has )?(?:an? )?(?:upcoming )?(?:business )?(?:trip|flight|vacation|holiday) to (.+)/,
    travel,
  ),
  p(
    'plan',
    /^(?:plans?|planning|is planning|intends?|is intending|is going|going|is about|will|is scheduled|has plans)(?: to| on)? (.+)/,
    planOf,
  ),
  p('goal', /^(?:is )?(?:looking|searching|hunting|shopping) for (.+)/, undefined, true),
  p(
    'goal',
    /^(?:wants?|needs?|would like) (?:to )?(?:find|get|buy|book|rent|hire) (.+)/,
    undefined,
    true,
  ),
  p('goal', /^(?:wants?|would like|would love|hopes|dreams|wishes|aims) to (.+)/),
  p('goal', /^needs? (.+)/, undefined, true),
  p('goal', /^(?:is )?(?:considering|thinking about|thinking of) (.+)/),
  p(
    'recommendation',
    /^(?:recommended|suggested|recommends|suggests|was recommended) (.+)/,
    (m) => ({ value: m[1].replace(/\([^)]*\)/g, ' '), detail: m[1] }),
  ),
];
