import { BE, REST, rule, SUBJECT, type FactRule } from '../fact-rule';
import { NUMBER_WORDS, RELATIVE_PLURALS, RELATIVES } from '../lexicon';
import { alternation, cutPhrase } from '../phrase';
import { takeName } from './identity.rules';

const RELATIVE = alternation(RELATIVES);
const RELATIVE_ANY = alternation([...RELATIVES, ...Object.keys(RELATIVE_PLURALS)]);
const COUNT = String.raw`(?<count>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})`;
const EPITHETS = String.raw`(?:(?:young|little|small|grown|grown-up|adult|lovely|beautiful|wonderful|teenage|older|younger|big|baby|new)\s+)*`;
const PARENTS = new Set(
  'mother father mom mum dad grandmother grandfather grandma grandpa'.split(' '),
);

/** "Has a wife named Anna"; parents read better as "Mother's name is Rose". */
function relativeFact(relative: string, name: string): string {
  const rel = relative.toLowerCase();
  if (PARENTS.has(rel)) return `${rel.charAt(0).toUpperCase()}${rel.slice(1)}'s name is ${name}`;
  return `Has ${/^[aeiou]/.test(rel) ? 'an' : 'a'} ${rel} named ${name}`;
}

export const FAMILY_RULES: readonly FactRule[] = [
  rule(
    'family: my wife Anna / my son is named Tom',
    String.raw`\bmy (?<rel>${RELATIVE})(?:'s name is| is named| is called| named| called|,)? ${REST}`,
    (g) => {
      const rest = g['rest'] ?? '';
      if (!/^[A-Z]/.test(rest)) return undefined;
      const name = takeName(rest, false);
      return name && relativeFact(g['rel'] ?? '', name);
    },
  ),
  rule(
    'family: I have two kids',
    String.raw`${SUBJECT}(?:have|have got|got) ${COUNT} ${EPITHETS}(?<rel>${RELATIVE_ANY})(?<tail>(?: (?:named|called|aged) [^,.;!?]+)?)(?=\s*(?:[,.;!?]|$|\s(?:and|who|that|but|so|which|at|in|now)\b))`,
    (g) => {
      const count = g['count']?.toLowerCase() ?? '';
      const rel = g['rel']?.toLowerCase() ?? '';
      const tail = cutPhrase(g['tail'] ?? '');
      const single = NUMBER_WORDS[count] === '1';
      if (single && /^(?:named|called) /i.test(tail)) {
        const name = takeName(tail.replace(/^(?:named|called) /i, ''), false);
        if (name) return relativeFact(rel, name);
      }
      return ['Has', count, rel, tail].filter(Boolean).join(' ');
    },
  ),
  rule(
    'family: I am married',
    String.raw`${SUBJECT}(?:${BE}|got |just got )(?<state>married|engaged|divorced|single|widowed|separated|in a relationship)(?: to ${REST})?`,
    (g) => {
      const partner = g['rest'] ? takeName(g['rest'], false) : undefined;
      return partner ? `Is ${g['state']} to ${partner}` : `Is ${g['state']}`;
    },
  ),
  rule(
    'family: I am a mother of two',
    String.raw`${SUBJECT}${BE}an? (?<rel>mother|father|mom|mum|dad|parent) of (?<count>one|two|three|four|five|\d)\b`,
    (g) => {
      return `Is a ${g['rel']?.toLowerCase()} of ${g['count']}`;
    },
  ),
];
