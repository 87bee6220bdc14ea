import type { Clause } from '../conversation-text';
import { BE, REST, rule, SUBJECT, type FactRule, type RuleContext } from '../fact-rule';
import { EPHEMERAL_WANTS, EPHEMERAL_WILLS } from '../lexicon';
import { budgetFact, MONEY, PER, QUALIFIER } from '../money.pattern';
import { cutPhrase, isCapitalised, tidy } from '../phrase';
import { RELATIVE_TIME, resolveRelativeDate } from '../relative-date.resolver';
import { lemmaOf } from '../word-tags';

const TRAVEL_VERBS =
  /^(?:travel|visit|fly|move|go|head|relocate|drive|attend|start|begin|graduate|marry|get|take|spend|stay|return)$/i;
const SEEK_VERBS = 'find|get|buy|book|rent|hire|locate|order';
/** Things asked of the conversation, not lasting goals ("I need a break", "I want some help"). */
const MOMENTARY_NEEDS =
  /^(?:an?|some) (?:help|break|moment|minute|second|hand|favou?r|rest|nap|hug|answer|reply|hint|clue|idea|suggestion|recommendation|tip|word|example)s?\b/i;
const REJECTS = /\b(?:hate|dislike|avoid|do not (?:like|want))\b/i;
const FIRST_PERSON =
  /\b(?:i|we|my|our|me|us)\b|^(?:something|anything|somewhere|preferably|ideally)\b/i;

/** Plan text with its relative date resolved in brackets: "next week (week of 2026-03-16)". */
function datedPlan(text: string, today: string): string {
  const time = RELATIVE_TIME.exec(text);
  if (!time) return text;
  const resolved = resolveRelativeDate(time[0].replace(/^on /i, ''), today);
  if (!resolved) return text;
  const end = time.index + time[0].length;
  return `${text.slice(0, end)} (${resolved})${text.slice(end)}`;
}

/** The plan phrase after "going to" / "plan to" / "will", or nothing for "I will check". */
function planFact(
  lead: string,
  rest: string,
  clause: Clause,
  context: RuleContext,
): string | undefined {
  const phrase = cutPhrase(rest);
  const [first = '', ...others] = phrase.split(' ');
  if (!first) return undefined;
  const loose = /^(?:will|shall|am going to|are going to)$/i.test(lead);
  if (
    /^(?:am|are) going to$/i.test(lead) &&
    (isCapitalised(first) || /^(?:the|a|an|my|our)$/i.test(first))
  ) {
    return datedPlan(
      `Plans to ${isCapitalised(first) ? 'travel' : 'go'} to ${phrase}`,
      context.today,
    );
  }
  const verb = /ing$/i.test(first) ? lemmaOf(first) : first.toLowerCase();
  if (EPHEMERAL_WILLS.has(verb) && loose) return undefined;
  if (loose && !TRAVEL_VERBS.test(verb) && clause.times.length === 0 && !RELATIVE_TIME.test(phrase))
    return undefined;
  return datedPlan(withClauseTime(['Plans to', verb, ...others].join(' '), clause), context.today);
}

/** "Next weekend I will visit Boston": the time said before the plan belongs to it too. */
function withClauseTime(plan: string, clause: Clause): string {
  if (RELATIVE_TIME.test(plan)) return plan;
  const time = RELATIVE_TIME.exec(clause.text);
  return time ? `${plan} ${time[0].toLowerCase()}` : plan;
}

function placeAhead(rest: string): string | undefined {
  const place = cutPhrase(rest);
  return place && isCapitalised(place) ? place : undefined;
}

export const INTENT_RULES: readonly FactRule[] = [
  rule(
    'goal: I want to find / am looking for',
    String.raw`${SUBJECT}(?:(?:want|need|would like|am trying|are trying|hope|am hoping|have) to (?:${SEEK_VERBS})|${BE}(?:looking|searching|hunting|shopping) for) ${REST}`,
    (g) => {
      const object = cutPhrase(g['rest'] ?? '');
      return object && `Looking for ${object}`;
    },
  ),
  rule(
    'goal: I need a new laptop',
    String.raw`${SUBJECT}(?:need|want) (?<object>(?:an?|some|new) .+)`,
    (g) => {
      const object = cutPhrase(g['object'] ?? '');
      return object && !MOMENTARY_NEEDS.test(object) ? `Looking for ${object}` : undefined;
    },
  ),
  rule(
    'goal: I am thinking about',
    String.raw`${SUBJECT}${BE}(?:thinking about|thinking of|considering) ${REST}`,
    (g) => {
      const idea = cutPhrase(g['rest'] ?? '');
      return idea && /^[a-z]+ing\b/i.test(idea) ? `Is considering ${idea}` : undefined;
    },
  ),
  rule(
    'goal: I want to learn',
    String.raw`${SUBJECT}(?:want|would like|would love|hope|am hoping|are hoping|wish|dream|am dreaming|aim) to (?<verb>[a-z]+)\b ?(?<rest>.*)`,
    (g) => {
      const verb = g['verb']?.toLowerCase() ?? '';
      if (EPHEMERAL_WANTS.has(verb) || new RegExp(`^(?:${SEEK_VERBS})$`).test(verb))
        return undefined;
      return `Wants to ${tidy(`${verb} ${cutPhrase(g['rest'] ?? '') || ''}`)}`;
    },
  ),
  rule(
    'plan: I am going to / plan to / will',
    String.raw`${SUBJECT}(?<lead>am planning to|are planning to|am planning on|are planning on|plan to|plan on|intend to|am intending to|have plans to|have decided to|decided to|am going to|are going to|am about to|are about to|am scheduled to|are scheduled to|will|shall)\s+${REST}`,
    (g, clause, context) => planFact(g['lead'] ?? '', g['rest'] ?? '', clause, context),
  ),
  rule(
    'plan: I am flying to Tokyo',
    String.raw`${SUBJECT}${BE}(?<verb>travelling|traveling|flying|heading|moving|relocating|driving|off) (?:back )?to ${REST}`,
    (g, _clause, context) => {
      const place = placeAhead(g['rest'] ?? '');
      const verb = /^(?:moving|relocating)$/i.test(g['verb'] ?? '') ? 'move' : 'travel';
      return place && datedPlan(`Plans to ${verb} to ${place}`, context.today);
    },
  ),
  rule(
    'plan: I am visiting Kyoto next week',
    String.raw`${SUBJECT}${BE}visiting ${REST}`,
    (g, clause, context) => {
      const place = placeAhead(g['rest'] ?? '');
      return place && clause.times.length > 0
        ? datedPlan(`Plans to visit ${place}`, context.today)
        : undefined;
    },
  ),
  rule(
    'plan: I have a trip to',
    String.raw`${SUBJECT}have (?:an? |my |our )?(?:upcoming )?(?:business )?(?:trip|flight|vacation|holiday|visit) to ${REST}`,
    (g, _clause, context) => {
      const place = placeAhead(g['rest'] ?? '');
      return place && datedPlan(`Plans a trip to ${place}`, context.today);
    },
  ),
  rule(
    'plan: cancelled',
    String.raw`${SUBJECT}(?:(?:cancelled|canceled|called off) (?:my |our |the )?(?:trip|flight|vacation|holiday|visit) to|${BE}no longer (?:planning|going) to|no longer plan to|${BE}not going to|will not) ${REST}`,
    (g) => {
      const phrase = cutPhrase(g['rest'] ?? '');
      if (!phrase) return undefined;
      const [first = ''] = phrase.split(' ');
      if (isCapitalised(first)) return `No longer plans to travel to ${phrase}`;
      return EPHEMERAL_WILLS.has(first.toLowerCase()) ? undefined : `No longer plans to ${phrase}`;
    },
  ),
  rule(
    'budget: my budget is',
    String.raw`\bbudget(?: for (?<scope>(?:the |a |my |our )?[a-z]+))?(?: is| of| will be| would be| at|:)?\s*(?:only |just )?${QUALIFIER}${MONEY}${PER}`,
    (g) => budgetFact(g),
  ),
  rule(
    'budget: with an average cost of',
    String.raw`\bwith (?:an? )?(?:average |maximum |max |total |typical )?(?:cost|price|spend|spending|budget)(?: per person)? of ${QUALIFIER}${MONEY}${PER}`,
    (g) => budgetFact(g),
  ),
  rule(
    'budget: I can spend',
    String.raw`${SUBJECT}(?:want|would like|plan|hope|${BE}willing|${BE}happy|${BE}able|can|could|${BE}prepared|would|will|do not want|cannot afford) (?:to )?(?:spend|pay|afford)\s+${QUALIFIER}${MONEY}${PER}`,
    (g) => budgetFact({ ...g, qual: g['qual'] ?? 'up to' }),
  ),
  rule(
    'budget: under $50',
    String.raw`\b(?<qual>under|below|less than|no more than|not more than|at most|max(?:imum)?|within|up to|about|around|roughly|approximately)\s*${MONEY}${PER}`,
    (g, clause) =>
      FIRST_PERSON.test(clause.text) && !/\bbudget\b|\bcost of\b/i.test(clause.text)
        ? budgetFact(g)
        : undefined,
  ),
  rule(
    'price: cheap / not too expensive',
    String.raw`\b(?:cheap|cheaper|inexpensive|affordable|budget[- ]friendly|low[- ]cost|reasonably priced|good value|not (?:too|very|so|that|overly) (?:expensive|pricey|costly)|on a (?:tight |limited |small |strict )?budget)\b`,
    (_g, clause) =>
      FIRST_PERSON.test(clause.text) && !REJECTS.test(clause.text)
        ? 'Prefers affordable options'
        : undefined,
  ),
  rule(
    'price: money is no object',
    String.raw`\b(?:money is no object|price (?:is not|does not) (?:matter|an issue)|(?:i|we) do not care (?:about|how much) (?:the )?(?:price|cost|it costs))\b`,
    () => 'Price is not a concern',
  ),
];

/** Recommendations in the assistant's turns, remembered as facts about the agent. */
export const AGENT_RULES: readonly FactRule[] = [
  rule(
    'agent: I recommend X',
    String.raw`^(?:(?:i|we) (?:would |strongly |highly |definitely )?(?:recommend|suggest)|(?:i|we) would go with|recommend|suggest|try|you (?:should|could|might|must|may want to) (?:try|visit|go to|check out|consider)|how about|what about|consider)\s+${REST}`,
    (g) => {
      const match =
        /^(.*?)(?:[;!?]|\.(?!\d)|,\s+(?:which|because|since|as|it|they|where)\b|\s(?:because|since|which)\b|$)/i.exec(
          g['rest'] ?? '',
        );
      const choice = tidy((match?.[1] ?? '').replace(/^(?:also|maybe|perhaps|definitely)\s+/i, ''));
      return choice && `Agent recommended ${choice}`;
    },
  ),
];
