import { CURRENCY_WORDS } from './lexicon';

const CURRENCIES = new Set(CURRENCY_WORDS);
// Starts only where a number starts, so a long digit run is not retried from each of its digits.
const AMOUNT = String.raw`(?<![\d,.])\d[\d,]*(?:\.\d+)?(?:\s?(?:k|thousand|million)\b)?`;

/**
 * An amount with its currency: "$50", "100 yuan", "2k USD". The currency word is checked in code, since
 * a long alternation costs the regex engine tens of milliseconds to compile.
 */
export const MONEY = String.raw`(?<money>(?:US|HK|S|A|C|NZ)?[$€£¥₹₩]\s?${AMOUNT}|${AMOUNT}\s?(?<currency>[a-z]{2,8})\b)`;
/** What the amount is counted per: "per person", "a night", "/month". */
export const PER = String.raw`(?<per>\s?(?:per|a|an|each|every|/)\s?(?:person|head|people|night|day|month|week|year|hour|meal|ticket|couple|guest|pax|adult)\b)?`;
/** How the amount bounds the budget. */
export const QUALIFIER = String.raw`(?:(?<qual>about|around|approximately|approx\.?|roughly|~|something like|close to|under|below|less than|no more than|not more than|at most|max(?:imum)?|within|up to|at least|over|more than)\s*)?`;

const QUALIFIER_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/^(?:about|around|approximately|approx\.?|roughly|~|something like|close to)$/i, 'about'],
  [/^(?:under|below|less than|no more than|not more than|at most|max(?:imum)?|within)$/i, 'under'],
  [/^up to$/i, 'up to'],
  [/^(?:at least|over|more than)$/i, 'at least'],
];

/** "Budget about 100 yuan per person", from the named groups of a budget match. */
export function budgetFact(
  groups: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const money = groups['money']?.trim();
  const currency = groups['currency']?.toLowerCase();
  if (!money || (currency !== undefined && !CURRENCIES.has(currency))) return undefined;
  const qualifier = QUALIFIER_WORDS.find(([pattern]) => pattern.test(groups['qual']?.trim() ?? ''));
  const per = groups['per']?.trim().replace(/^\/\s?/, 'per ');
  const scope = groups['scope'] ? ` for ${groups['scope']}` : '';
  return ['Budget', qualifier?.[1], money, per].filter(Boolean).join(' ') + scope;
}
