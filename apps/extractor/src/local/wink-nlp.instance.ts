import winkNLP, {
  type Detail,
  type ItemSentence,
  type ItsFunction,
  type Tokens,
  type WinkMethods,
} from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

let instance: WinkMethods | undefined;

/** The process-wide wink-nlp pipeline; the model takes a few hundred ms to load, so it loads once, lazily. */
export function winkNlp(): WinkMethods {
  instance ??= winkNLP(model);
  return instance;
}

export type TokenColumn = 'normal' | 'pos' | 'lemma' | 'stem';

// wink's typings declare its helpers as methods, and `stem`/`lemma` with parameters `out()` rejects;
// all of them are plain functions of a token or a span.
type ItsTable = Record<TokenColumn, ItsFunction<string>> & { detail: ItsFunction<Detail> };

function its(): ItsTable {
  return winkNlp().its as unknown as ItsTable;
}

/** One property of every token. */
export function tokenColumn(tokens: Tokens, column: TokenColumn): string[] {
  return tokens.out<string>(its()[column]);
}

/** The named entities of a sentence: value and type ("next week", "DATE"). */
export function entitiesOf(sentence: ItemSentence): Detail[] {
  return sentence.entities().out<Detail>(its().detail) as Detail[];
}
