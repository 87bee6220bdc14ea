import { BE, REST, rule, SUBJECT, type FactRule } from '../fact-rule';
import {
  CONDITION_ADJECTIVES,
  CONDITION_NOUNS,
  CORE_DIETS,
  DIET_RULES,
  INTOLERANCES,
} from '../lexicon';
import { alternation, cutPhrase } from '../phrase';

const LIKE_VERBS: ReadonlyArray<[RegExp, string]> = [
  [
    /^(?:love|adore|am crazy about|are crazy about|am obsessed with|am (?:a )?(?:big|huge|massive) fan of|are (?:big|huge) fans of|am a sucker for|have a soft spot for)$/i,
    'Loves',
  ],
  [/^(?:enjoy)$/i, 'Enjoys'],
  [/^(?:prefer|would prefer|would rather|would rather have)$/i, 'Prefers'],
  [/^(?:am passionate about|are passionate about)$/i, 'Is passionate about'],
  [/^(?:am interested in|are interested in|am keen on|are keen on)$/i, 'Is interested in'],
];
const LIKE =
  'love|adore|like|enjoy|prefer|would prefer|would rather have|would rather|am into|are into|' +
  'am (?:a )?(?:big |huge |massive )?fan of|are (?:big |huge )?fans of|am fond of|are fond of|' +
  'am crazy about|are crazy about|am obsessed with|are obsessed with|am passionate about|' +
  'are passionate about|am a sucker for|have a soft spot for|am interested in|are interested in|' +
  'am keen on|are keen on';
const DISLIKE =
  'hate|dislike|detest|loathe|despise|cannot stand|can not stand|cannot bear|' +
  'am not (?:a )?(?:big |huge )?fan of|are not (?:big )?fans of|am not into|are not into|' +
  'am not fond of|do not (?:really )?(?:like|enjoy|love|care for)|never (?:liked|enjoyed)|' +
  'no longer (?:like|love|enjoy)';
const DIET = alternation(CORE_DIETS);
/** Earlier items of a list of conditions ("I am vegan, diabetic and allergic to nuts"), never a hedge. */
const LIST = String.raw`(?:(?!(?:not|no|never|going|trying|planning|thinking|considering|about|becoming|being|be|to|worried|afraid|scared|maybe|possibly|probably)\b)[a-z-]+,? (?:and )?){0,4}?`;
const DIET_RULE = alternation(DIET_RULES);

/** Objects that point back at the conversation ("that idea", "your answer") or decline ("not say"). */
const CONVERSATIONAL =
  /^(?:not\b|(?:that|this|these|those|your|the) (?:idea|suggestion|answer|plan|recommendation|option|one|approach|point|response|list|question|advice)s?\b)/i;

function likeFact(verb: string, rest: string): string | undefined {
  const object = cutPhrase(rest);
  if (!object || CONVERSATIONAL.test(object)) return undefined;
  const lead = LIKE_VERBS.find(([pattern]) => pattern.test(verb.trim()))?.[1] ?? 'Likes';
  return `${lead} ${object}`;
}

function preferred(rest: string): string | undefined {
  const object = cutPhrase(rest).replace(/^something\s+/i, '');
  // "ideally under $200" is a budget, which the budget rules state.
  if (
    !object ||
    /^(?:under|below|less than|no more than|within|around|about|up to|[$€£¥\d])/i.test(object)
  ) {
    return undefined;
  }
  return /^(?:with|near|in|on|at|close to|without|by)\b/i.test(object)
    ? `Prefers options ${object}`
    : `Prefers ${object}`;
}

export const TASTE_RULES: readonly FactRule[] = [
  rule(
    'preference: I love / like / prefer',
    String.raw`${SUBJECT}(?<verb>${LIKE})\s+${REST}`,
    (g) => likeFact(g['verb'] ?? '', g['rest'] ?? ''),
  ),
  rule('preference: preferably X', String.raw`\b(?:preferably|ideally)\s+${REST}`, (g) =>
    preferred(g['rest'] ?? ''),
  ),
  rule(
    'preference: my favourite X is Y',
    String.raw`\bmy (?:all[- ]time |absolute |personal )?favou?rite (?<thing>[a-z]+(?: [a-z]+)?) (?<verb>is|are|has to be|would be) ${REST}`,
    (g) => {
      const value = cutPhrase(g['rest'] ?? '');
      const verb = g['verb']?.toLowerCase() === 'are' ? 'are' : 'is';
      return value && `Favourite ${g['thing']?.toLowerCase()} ${verb} ${value}`;
    },
  ),
  rule(
    'preference: Y is my favourite',
    String.raw`^(?<value>[\w' -]{2,40}?) (?:is|are) my (?:all[- ]time |absolute )?favou?rite(?: (?<thing>[a-z]+))?\b`,
    (g) => {
      const value = cutPhrase(g['value'] ?? '');
      if (!value) return undefined;
      return g['thing'] ? `Favourite ${g['thing'].toLowerCase()} is ${value}` : `Loves ${value}`;
    },
  ),
  rule(
    'dislike: I hate / do not like / cannot stand',
    String.raw`${SUBJECT}(?<verb>${DISLIKE})\s+${REST}`,
    (g) => {
      const object = cutPhrase(g['rest'] ?? '');
      if (!object) return undefined;
      const lapsed =
        /^no longer\b/i.test(g['verb'] ?? '') || /\b(?:anymore|any more)\b/i.test(g['rest'] ?? '');
      return lapsed ? `No longer likes ${object}` : `Dislikes ${object}`;
    },
  ),
  rule(
    'dislike: I avoid',
    String.raw`${SUBJECT}(?:avoid|try to avoid|stay away from|steer clear of) ${REST}`,
    (g) => {
      const object = cutPhrase(g['rest'] ?? '');
      return object && `Avoids ${object}`;
    },
  ),
  rule(
    'health: I cannot eat',
    String.raw`${SUBJECT}(?<neg>cannot|can not|do not|never|should not|must not|am not allowed to|are not allowed to) (?<verb>eat|drink|consume|tolerate|digest|have) ${REST}`,
    (g) => {
      const object = cutPhrase(g['rest'] ?? '');
      const verb = g['verb']?.toLowerCase() ?? 'eat';
      const cannot = !/^(?:do not|never)$/i.test(g['neg'] ?? '');
      if (!object || (verb === 'have' && !cannot)) return undefined;
      return cannot ? `Cannot ${verb} ${object}` : `Does not ${verb} ${object}`;
    },
  ),
  rule(
    'health: I am allergic to',
    String.raw`${SUBJECT}${BE}${LIST}(?:(?:very|severely|highly|mildly|deathly|slightly|extremely) )?allergic to ${REST}`,
    (g) => {
      const object = cutPhrase(g['rest'] ?? '');
      return object && `Allergic to ${object}`;
    },
  ),
  rule(
    'health: I am not allergic to',
    String.raw`${SUBJECT}${BE}(?<neg>not|no longer) allergic to ${REST}`,
    (g) => {
      const object = cutPhrase(g['rest'] ?? '');
      return (
        object && `${/^not$/i.test(g['neg'] ?? '') ? 'Not' : 'No longer'} allergic to ${object}`
      );
    },
  ),
  rule(
    'health: I have a peanut allergy',
    String.raw`${SUBJECT}have (?:an? |some |severe |mild |bad |serious )*(?<what>[a-z]+(?: [a-z]+)?) allerg(?:y|ies)\b`,
    (g) => {
      const what = g['what']?.toLowerCase();
      return what && !/^(?:an?|some|severe|mild|food)$/.test(what)
        ? `Allergic to ${what}`
        : undefined;
    },
  ),
  rule(
    'health: I have an allergy to',
    String.raw`${SUBJECT}have (?:an? |some |severe )?allerg(?:y|ies) to ${REST}`,
    (g) => {
      const object = cutPhrase(g['rest'] ?? '');
      return object && `Allergic to ${object}`;
    },
  ),
  rule(
    'diet: I am vegetarian',
    String.raw`${SUBJECT}(?:${BE}|have been |have become |became |went |turned )(?:an? |strictly |a strict |fully |mostly |100% )?(?<diet>${DIET})\b(?! (?:food|restaurant|option|dish|meal))`,
    (g) => `Is ${g['diet']?.toLowerCase()}`,
  ),
  rule(
    'diet: I follow a keto diet',
    String.raw`${SUBJECT}(?:eat|follow|am on|are on|keep|stick to|am|are|went|eat only) (?:an? |a strict |strictly |only )?(?<diet>${DIET_RULE}|${DIET})(?: diet)?\b`,
    (g) => {
      const diet = g['diet']?.toLowerCase() ?? '';
      return CORE_DIETS.includes(diet) ? `Is ${diet}` : `Follows a ${diet} diet`;
    },
  ),
  rule(
    'diet: no longer vegetarian',
    String.raw`${SUBJECT}(?:${BE}(?<neg>no longer|not) (?:an? )?|(?:stopped|quit|gave up) being (?:an? )?)(?<diet>${DIET})(?<again> anymore| any more)?\b`,
    (g) => {
      const lapsed = g['neg']?.toLowerCase() !== 'not' || Boolean(g['again']);
      return `${lapsed ? 'No longer' : 'Is not'} ${g['diet']?.toLowerCase()}`;
    },
  ),
  rule(
    'diet: eat meat again',
    String.raw`${SUBJECT}(?:eat|am eating|are eating|started eating|have started eating) meat again\b`,
    () => 'No longer vegetarian',
  ),
  rule(
    'health: I am lactose intolerant',
    String.raw`${SUBJECT}(?:${BE}${LIST}(?:(?:very|slightly|severely|a bit|mildly) )?(?<a>${alternation(INTOLERANCES)}) intolerant|have (?:an? |some )?(?<b>${alternation(INTOLERANCES)}) intolerance)\b`,
    (g) => `Is ${(g['a'] ?? g['b'] ?? '').toLowerCase()} intolerant`,
  ),
  rule(
    'health: I am diabetic',
    String.raw`${SUBJECT}${BE}${LIST}(?:an? )?(?<c>${alternation(CONDITION_ADJECTIVES)})\b`,
    (g) => `Is ${g['c']?.toLowerCase()}`,
  ),
  rule(
    'health: I have diabetes',
    String.raw`${SUBJECT}(?:have|suffer from|live with|(?:was|were|have been|got) diagnosed with) (?<c>${alternation(CONDITION_NOUNS)})\b`,
    (g) => {
      const condition = g['c']?.toLowerCase() ?? '';
      return /allergy$/.test(condition) ? undefined : `Has ${condition}`;
    },
  ),
];
