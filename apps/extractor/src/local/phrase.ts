/** Helpers that cut the object of a pattern out of the rest of a clause and tidy it. */

const BOUNDARY_CHARS = /[,;:!?"]|\.(?!\d)|\s[-\u2013\u2014]\s/;
const BOUNDARY_WORDS =
  /\s(?:but|because|since|although|though|so|which|who|whom|whose|where|when|whenever|while|whereas|if|unless|until|as long as|except|especially when|and (?:i|we|my|our|it|they|he|she|you|also|then|that|this)|or (?:i|we)|plus)\b/i;
const TRAILING_FILLERS =
  /\s+(?:a lot|a bit|very much|so much|too much|too|as well|also|anymore|any more|at all|really|though|lol|haha|now|these days|nowadays|lately|right now|currently|either|in general|generally|please|honestly|actually)$/i;
const PRONOUN_ONLY =
  /^(?:it|that|this|them|those|these|one|him|her|you|everything|something|anything|nothing|all|so|there|here|too|much|more|things?)$/i;
const TIME_WORDS =
  /\s+(?:(?:last|this|next|past) (?:year|month|week|weekend|summer|winter|spring|fall|autumn)|\d+ (?:years?|months?|weeks?|days?) ago|a (?:year|month|week|while) ago|in (?:19|20)\d\d|recently|lately|since (?:19|20)\d\d|for (?:\d+|a few|several|many|two|three|four|five|ten) (?:years?|months?|weeks?)|with my (?:family|wife|husband|partner|kids|children|parents))\b.*$/i;

/** The object phrase at the start of `rest`, up to the first clause boundary. */
export function cutPhrase(rest: string): string {
  let phrase = rest;
  const char = BOUNDARY_CHARS.exec(phrase);
  if (char) phrase = phrase.slice(0, char.index);
  const word = BOUNDARY_WORDS.exec(phrase);
  if (word) phrase = phrase.slice(0, word.index);
  return tidy(phrase);
}

/** Drops trailing fillers ("a lot", "too"); gives '' for a bare pronoun ("it", "that"). */
export function tidy(phrase: string): string {
  let out = phrase.replace(/\s+/g, ' ').trim();
  for (let before = ''; before !== out;) {
    before = out;
    out = out.replace(TRAILING_FILLERS, '').replace(/[\s.]+$/, '');
  }
  return PRONOUN_ONLY.test(out) ? '' : out;
}

/** Removes when-and-with phrases from a place or an employer ("Shanghai last year" -> "Shanghai"). */
export function withoutTimes(phrase: string, times: readonly string[]): string {
  let out = phrase.replace(TIME_WORDS, '');
  for (const time of times) {
    const at = out.toLowerCase().lastIndexOf(` ${time.toLowerCase()}`);
    if (at > 0) out = out.slice(0, at);
  }
  return tidy(out.replace(/\s+(?:in|on|at|since|for|from)$/i, ''));
}

/** A place, keeping a trailing ", Country" ("Hangzhou, China") that the comma would cut. */
export function cutPlace(rest: string, times: readonly string[]): string {
  const withCountry =
    /^([A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*,\s+[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*)(?=\s*(?:[.,;!?]|$))/.exec(
      rest,
    );
  return withoutTimes(withCountry ? withCountry[1] : cutPhrase(rest), times);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function isCapitalised(word: string): boolean {
  return /^[A-Z]/.test(word);
}

/** Escapes a fixed word list into a regex alternation. */
export function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}
