// A sentence ends at a full stop, exclamation or question mark, or a line break.
const SENTENCES = /[^。！？!?\n]+[。！？!?]*/g;
const QUESTION = /(?:[？?]|[吗呢么][。！!…]*)$/;
const CLAUSE = /[，,、；;：:]/;
// Whole clauses that greet, thank or acknowledge: nothing about the speaker.
const SMALL_TALK =
  /^(?:你好|您好|大家好|嗨|哈喽|哈啰|喂|早上好|上午好|中午好|下午好|晚上好|早安|晚安|hi|hello|hey|谢谢|多谢|感谢|谢了|好的|好|嗯|哦|行|可以|没问题|ok|okay)(?:你|您|啊|呀|哈|啦|了)*$/i;
const HAN_OR_KANA = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/gu;
const LATIN_LETTER = /[A-Za-z]/g;

/** Whether a turn is written mostly in Chinese (a Han character weighs two Latin letters). */
export function isMostlyChinese(text: string): boolean {
  const han = text.match(HAN_OR_KANA)?.length ?? 0;
  return han > 0 && 2 * han >= (text.match(LATIN_LETTER)?.length ?? 0);
}

/**
 * The speaker's statements in a Chinese turn, as facts in their own words: one per sentence,
 * questions dropped (they ask, they do not tell), leading and trailing greetings or thanks cut off,
 * sentences of small talk alone dropped. 「你好！我想找一家川菜馆，人均100元左右。」 gives
 * 「我想找一家川菜馆，人均100元左右」.
 */
export function chineseStatementFacts(turn: string): string[] {
  const facts: string[] = [];
  for (const [sentence] of turn.matchAll(SENTENCES)) {
    const trimmed = sentence.trim();
    if (trimmed === '' || QUESTION.test(trimmed)) continue;
    const fact = withoutSmallTalk(trimmed.replace(/[。！!…\s]+$/, ''));
    if (fact !== '') facts.push(fact);
  }
  return facts;
}

function withoutSmallTalk(sentence: string): string {
  const clauses = sentence.split(CLAUSE);
  let [start, end] = [0, clauses.length];
  while (start < end && isSmallTalk(clauses[start])) start++;
  while (end > start && isSmallTalk(clauses[end - 1])) end--;
  if (start === end) return '';
  // Cut at the clause boundaries found, keeping the punctuation between the kept clauses.
  const head = clauses.slice(0, start).reduce((length, clause) => length + clause.length + 1, 0);
  const kept = clauses.slice(start, end).reduce((length, clause) => length + clause.length + 1, 0);
  return sentence.slice(head, head + kept - 1).trim();
}

function isSmallTalk(clause: string): boolean {
  return SMALL_TALK.test(clause.trim());
}
