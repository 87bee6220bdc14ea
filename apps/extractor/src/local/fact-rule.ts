import type { Clause } from './conversation-text';

export interface RuleContext {
  /** YYYY-MM-DD, for resolving "tomorrow" and "next week". */
  readonly today: string;
}

/** One pattern over a clause and how its match becomes facts. */
export interface FactRule {
  readonly name: string;
  /** Global, case-insensitive, with indices; named groups feed `build`. */
  readonly pattern: RegExp;
  build(
    groups: Readonly<Record<string, string | undefined>>,
    clause: Clause,
    context: RuleContext,
  ): string | readonly string[] | undefined;
}

/** A fact and where in the conversation it was said, so facts come out in the order they were said. */
export interface LocatedFact {
  readonly fact: string;
  readonly at: number;
}

const ADVERBS =
  'really|also|absolutely|totally|truly|genuinely|honestly|definitely|certainly|actually|' +
  'personally|especially|particularly|generally|usually|mostly|always|currently|now|still|' +
  'recently|just|already|do|kind of|sort of|quite|very much|simply|seriously|originally|' +
  'both|all|then|finally|happily|officially|even|obviously';

/** The speaker as subject, with the adverbs that may follow ("I really", "we currently"). */
export const SUBJECT = String.raw`\b(?:i|we)\s+(?:(?:${ADVERBS})\s+)*`;
/** "am"/"are" and the adverbs that may follow ("am now", "are still"). */
export const BE = String.raw`(?:am|are)\s+(?:(?:${ADVERBS})\s+)*`;
/** The rest of the clause, to be cut by the rule. */
export const REST = '(?<rest>.+)';

/** Statements not meant as facts about the speaker: conditions, guesses, reported speech. */
const NOT_ASSERTED =
  /\b(?:if|whether|suppose|supposing|imagine|pretend|wonder|maybe|perhaps|unless|what if|would you|do you think|someone|somebody|(?:he|she|they|my \w+) (?:says?|said|thinks?|thought|told me))\b/i;

export function rule(name: string, pattern: string, build: FactRule['build']): FactRule {
  return { name, pattern: new RegExp(pattern, 'dgi'), build };
}

/** Runs `rules` over one clause; `offset` places the clause in the conversation. */
export function factsOfClause(
  clause: Clause,
  rules: readonly FactRule[],
  context: RuleContext,
  offset: number,
): LocatedFact[] {
  const found: LocatedFact[] = [];
  for (const factRule of rules) {
    for (const match of clause.text.matchAll(factRule.pattern)) {
      if (NOT_ASSERTED.test(clause.text.slice(0, match.index))) continue;
      const built = factRule.build(match.groups ?? {}, clause, context);
      const facts = typeof built === 'string' ? [built] : (built ?? []);
      for (const fact of facts) if (fact) found.push({ fact, at: offset + objectStart(match) });
    }
  }
  return found;
}

/** Where the fact's object starts (its last named group), so "I am vegan and allergic to nuts" keeps its order. */
function objectStart(match: RegExpExecArray): number {
  const groups = Object.values(match.indices?.groups ?? {}).filter((span) => span !== undefined);
  return Math.max(match.index, ...groups.map(([start]) => start));
}
