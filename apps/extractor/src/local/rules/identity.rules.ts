import type { Clause } from '../conversation-text';
import { BE, REST, rule, SUBJECT, type FactRule } from '../fact-rule';
import { JOB_STATES, NOT_NAMES, OCCUPATIONS } from '../lexicon';
import { capitalise, cutPhrase, cutPlace, isCapitalised, withoutTimes } from '../phrase';
import { tagAfterIAm } from '../word-tags';

const AGE_WORDS = /^\d{1,3}[- ]years?[- ]old\s+/i;
const NAME_STOPS =
  /^(?:and|but|from|by|btw|here|i|im|nice|the|a|an|so|who|of|in|at|to|or|please|thanks)$/i;
const NOT_NAME_TAGS = new Set(['ADJ', 'ADV', 'VERB', 'INTJ', 'ADP', 'DET', 'AUX', 'PART', 'NUM']);

/** Up to four name words from the start of `rest`; capitalised ones only unless the name was asked for. */
export function takeName(rest: string, explicit: boolean): string | undefined {
  const words: string[] = [];
  for (const raw of rest.trim().split(/\s+/)) {
    const word = raw.replace(/[.,;:!?)]+$/, '');
    if (!/^[A-Za-z][A-Za-z'-]*$/.test(word) || NAME_STOPS.test(word)) break;
    if (!isCapitalised(word) && (!explicit || words.some(isCapitalised))) break;
    words.push(word);
    if (word !== raw || words.length === 4) break;
  }
  if (words.length === 0 || NOT_NAMES.has(words[0].toLowerCase())) return undefined;
  return words.map(capitalise).join(' ');
}

/** "I am Tom" names the speaker only when the word reads as a noun ("I am Happy" does not). */
function introducedName(rest: string): string | undefined {
  const name = takeName(rest, false);
  if (!name || NOT_NAME_TAGS.has(tagAfterIAm(name.split(' ')[0]))) return undefined;
  return name;
}

function article(phrase: string): string {
  return /^[aeiou]/i.test(phrase) && !/^(?:uni|use|eu|one)/i.test(phrase) ? 'an' : 'a';
}

/** "software engineer at Google" -> role "software engineer", organisation "Google". */
export function splitRole(phrase: string): { role: string; org?: string } {
  const match = /^(.*?)\s+(?:at|for|with|in)\s+(.+)$/i.exec(phrase);
  return match ? { role: match[1], org: match[2] } : { role: phrase };
}

export function isOccupation(role: string): boolean {
  const head = role.toLowerCase().split(/\s+/).pop() ?? '';
  return OCCUPATIONS.has(head) || OCCUPATIONS.has(head.replace(/s$/, ''));
}

function jobFacts(phrase: string, clause: Clause, needsOccupation: boolean): string[] {
  const { role, org } = splitRole(withoutTimes(phrase, clause.times).replace(AGE_WORDS, ''));
  if (!role || (needsOccupation && !isOccupation(role))) return [];
  const bare = role.replace(/^(?:an?|the)\s+/i, '');
  const student = /\bstudent$/i.test(bare);
  const facts = [student ? `Is ${article(bare)} ${bare}` : `Works as ${article(bare)} ${bare}`];
  if (org && isOrganisation(org)) facts.push(student ? `Studies at ${org}` : `Works at ${org}`);
  return facts;
}

/** "Google" or "a startup", not "night" or "home". */
function isOrganisation(phrase: string): boolean {
  return (
    isCapitalised(phrase) || /^(?:an?|the)\s+\w/i.test(phrase) || /^(?:my|our)\s+\w/i.test(phrase)
  );
}

/** Builds "<lead> <place>" from the rest of the clause. */
function placeFact(lead: string): FactRule['build'] {
  return (g, clause) => {
    const place = cutPlace(g['rest'] ?? '', clause.times);
    return place && `${lead} ${place}`;
  };
}

const PLACE_VERBS =
  '(?:live|am living|are living|reside|am residing|are residing|am based|are based|am located|' +
  'are located|have lived|have been living|settled) in|(?:moved|have moved|relocated|have relocated|' +
  'just moved|moved back) to';

export const IDENTITY_RULES: readonly FactRule[] = [
  rule('name: my name is', String.raw`\bmy (?:full |first |real |nick)?name is ${REST}`, (g) => {
    const name = takeName(g['rest'] ?? '', true);
    return name && `Name is ${name}`;
  }),
  rule(
    'name: call me',
    String.raw`\b(?:call me|i go by|people call me|everyone calls me) ${REST}`,
    (g) => {
      const name = takeName(g['rest'] ?? '', true);
      return name && `Name is ${name}`;
    },
  ),
  rule(
    'name: I am <Name>',
    String.raw`^(?:(?:hi|hello|hey|greetings)(?: there| all| everyone)?[,!.]?\s+)?(?:i am|this is) ${REST}`,
    (g) => {
      const name = introducedName(g['rest'] ?? '');
      return name && `Name is ${name}`;
    },
  ),
  rule(
    'age: I am 32',
    String.raw`${SUBJECT}(?:am|just turned|turned) (?<age>\d{1,3})(?:\s+years?\s+old|\s*(?=[,.;!?]|$|\s(?:and|but|now|this)\b))`,
    (g) => {
      const age = Number(g['age']);
      return age > 0 && age < 120 ? `Is ${age} years old` : undefined;
    },
  ),
  rule(
    'age: I was born in 1990',
    String.raw`${SUBJECT}(?:was|were) born in (?<year>(?:19|20)\d\d)\b`,
    (g) => `Was born in ${g['year']}`,
  ),
  rule(
    'age: I am a 28 year old',
    String.raw`${SUBJECT}${BE}an? (?<age>\d{1,3})[- ]years?[- ]old\b`,
    (g) => {
      const age = Number(g['age']);
      return age > 0 && age < 120 ? `Is ${age} years old` : undefined;
    },
  ),
  rule(
    'location: I live in / moved to',
    String.raw`${SUBJECT}(?:${PLACE_VERBS}) ${REST}`,
    placeFact('Lives in'),
  ),
  rule(
    'location: my home is in',
    String.raw`\bmy home is (?:in|at) ${REST}`,
    placeFact('Lives in'),
  ),
  rule(
    'location: used to live in',
    String.raw`${SUBJECT}(?:used to live|previously lived|once lived) in ${REST}`,
    placeFact('Previously lived in'),
  ),
  rule(
    'origin: I am from / grew up in',
    String.raw`${SUBJECT}(?:(?:am|are|come|came) (?:originally )?from|(?:was|were) (?:born and raised|born|raised) in|grew up in) ${REST}`,
    (g, clause) => {
      const place = cutPlace(g['rest'] ?? '', clause.times);
      return place && isCapitalised(place) ? `Is from ${place}` : undefined;
    },
  ),
  rule(
    'origin: my hometown is',
    String.raw`\bmy (?:hometown|home town|home country) is ${REST}`,
    placeFact('Is from'),
  ),
  rule(
    'job: I work as',
    String.raw`${SUBJECT}(?:work|am working|are working) as ${REST}`,
    (g, clause) => jobFacts(cutPhrase(g['rest'] ?? ''), clause, false),
  ),
  rule(
    'job: my job is',
    String.raw`\bmy (?:job|profession|occupation|job title|role) is ${REST}`,
    (g, clause) => jobFacts(cutPhrase(g['rest'] ?? ''), clause, false),
  ),
  rule('job: I am a <occupation>', String.raw`${SUBJECT}${BE}(?:an?|the) ${REST}`, (g, clause) =>
    jobFacts(cutPhrase(g['rest'] ?? ''), clause, true),
  ),
  rule(
    'job: I am retired',
    String.raw`${SUBJECT}${BE}(?<state>retired|unemployed|self-employed|between jobs|a freelancer)\b`,
    (g) => {
      const state = JOB_STATES.find((known) => known === g['state']?.toLowerCase());
      return state && `Is ${state}`;
    },
  ),
  rule(
    'employer: I work at',
    String.raw`${SUBJECT}(?:work|am working|are working|am employed|are employed|got a job|have a job|started working|just started working|just joined|joined) (?:at|for|by|with)? ?${REST}`,
    (g, clause) => {
      const org = withoutTimes(cutPhrase(g['rest'] ?? ''), clause.times);
      return org && isOrganisation(org) && !/^(?:as|from)\b/i.test(org)
        ? `Works at ${org}`
        : undefined;
    },
  ),
  rule(
    'education: I study',
    String.raw`${SUBJECT}(?:study|am studying|are studying|major in|am majoring in) ${REST}`,
    (g, clause) => {
      const subject = withoutTimes(cutPhrase(g['rest'] ?? ''), clause.times);
      return subject && `Studies ${subject}`;
    },
  ),
  rule(
    'education: I graduated from',
    String.raw`${SUBJECT}(?:graduated|graduate) from ${REST}`,
    (g, clause) => {
      const school = withoutTimes(cutPhrase(g['rest'] ?? ''), clause.times);
      return school && `Graduated from ${school}`;
    },
  ),
];
