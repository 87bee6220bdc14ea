import type { ItemSentence, PartOfSpeech } from 'wink-nlp';
import { entitiesOf, tokenColumn, winkNlp } from './wink-nlp.instance';

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

function expandContractions(text: string): string {
  return CONTRACTIONS.reduce(
    (acc, [pattern, replacement]) => acc.replace(pattern, replacement),
    text,
  );
}

const TIME_ENTITIES = new Set(['DATE', 'TIME', 'DURATION']);

const INTERROGATIVE =
  /^(?:what|what's|which|who|whom|whose|where|when|why|how|any|anything|is|are|am|was|were|do|does|did|can|could|would|will|should|shall|may|might|have|has|had|isn't|aren't|don't|doesn't|didn't)\b/i;

/** Reads a turn into clauses; questions keep only their leading statements ("I am vegan, what can I eat?"). */
export function readClauses(turn: string): Clause[] {
  const clauses: Clause[] = [];
  winkNlp()
    .readDoc(expandContractions(turn))
    .sentences()
    .each((sentence: ItemSentence) => {
      const statements = statementsOf(sentence.out().trim());
      if (statements.length === 0) return;
      const pos = tagsOf(sentence);
      const times = entitiesOf(sentence)
        .filter((entity) => TIME_ENTITIES.has(entity.type))
        .map((entity) => entity.value);
      for (const text of statements) clauses.push({ text, pos, times });
    });
  return clauses;
}

function tagsOf(sentence: ItemSentence): Map<string, PartOfSpeech> {
  const tokens = sentence.tokens();
  const words = tokenColumn(tokens, 'normal');
  const tags = tokenColumn(tokens, 'pos') as PartOfSpeech[];
  const pos = new Map<string, PartOfSpeech>();
  words.forEach((word, i) => pos.has(word) || pos.set(word, tags[i]));
  return pos;
}

function statementsOf(sentence: string): string[] {
  if (!sentence.endsWith('?')) return isQuestionLike(sentence) ? [] : [sentence];
  // "How about X?" suggests rather than asks.
  if (/^(?:how|what) about\b/i.test(sentence)) return [sentence.slice(0, -1)];
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
