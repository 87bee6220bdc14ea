import type { PartOfSpeech } from 'wink-nlp';
import { winkNlp } from './wink-nlp.instance';

/** One statement the rules read: a sentence, or the statement part of a question. */
export interface Clause {
  /** Text with contractions expanded ("I'm" -> "I am"), as the user cased it. */
  readonly text: string;
  /** Part of speech of each lower-cased word, as tagged in this sentence. */
  readonly pos: ReadonlyMap<string, PartOfSpeech>;
  /** DATE, TIME and DURATION entities found in the sentence ("next week", "last year"). */
  readonly times: readonly string[];
}

const CONTRACTIONS: ReadonlyArray<[RegExp, string]> = [
  [/[\u2018\u2019\u02bc`]/g, "'"],
  [/\bi'm\b/gi, 'I am'],
  [/\bim\b(?= [a-z])/g, 'I am'],
  [/\bwon't\b/gi, 'will not'],
  [/\bcan't\b/gi, 'cannot'],
  [/\bain't\b/gi, 'am not'],
  [/\b(\w+)n't\b/gi, '$1 not'],
  [/\b(i|you|we|they)'ve\b/gi, '$1 have'],
  [/\b(i|you|we|they|he|she|it)'ll\b/gi, '$1 will'],
  [/\b(i|you|we|they|he|she)'d\b/gi, '$1 would'],
  [/\b(you|we|they)'re\b/gi, '$1 are'],
  [/\b(it|that|what|there|here|he|she|who|where|how|name)'s\b/gi, '$1 is'],
];

export function expandContractions(text: string): string {
  return CONTRACTIONS.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}

const INTERROGATIVE =
  /^(?:what|what's|which|who|whom|whose|where|when|why|how|any|anything|is|are|am|was|were|do|does|did|can|could|would|will|should|shall|may|might|have|has|had|isn't|aren't|don't|doesn't|didn't)\b/i;

/** Reads a turn into clauses; questions keep only their leading statements ("I am vegan, what can I eat?"). */
export function readClauses(turn: string): Clause[] {
  const nlp = winkNlp();
  const its = nlp.its;
  const clauses: Clause[] = [];
  nlp
    .readDoc(expandContractions(turn))
    .sentences()
    .each((sentence) => {
      const text = sentence.out().trim();
      const tokens = sentence.tokens();
      const values = tokens.out(its.normal) as string[];
      const tags = tokens.out(its.pos) as PartOfSpeech[];
      const pos = new Map<string, PartOfSpeech>();
      values.forEach((value, i) => pos.has(value) || pos.set(value, tags[i]));
      const times = (sentence.entities().out(its.detail) as unknown as { value: string; type: string }[])
        .filter((entity) => ['DATE', 'TIME', 'DURATION'].includes(entity.type))
        .map((entity) => entity.value);
      for (const statement of statementsOf(text)) clauses.push({ text: statement, pos, times });
    });
  return clauses;
}

function statementsOf(sentence: string): string[] {
  if (!sentence.endsWith('?')) return isQuestionLike(sentence) ? [] : [sentence];
  const parts = sentence.split(/[,;]\s*/);
  parts.pop();
  return parts.filter((part) => part.trim() !== '' && !INTERROGATIVE.test(part.trim()));
}

/** A sentence that opens like a question but lost its question mark ("what is the weather in Paris"). */
function isQuestionLike(sentence: string): boolean {
  return /^(?:what|which|who|where|when|why|how|can you|could you|would you|do you|does|is there|are there)\b/i.test(
    sentence,
  );
}
