// Scripts written without spaces between words (Han, kana).
const CJK_RUN = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30fc]+/gu;
const CJK_CHAR = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30fc]/u;

// Particles and pronouns that carry no topic: as words they would match nearly every sentence.
const CJK_STOPWORDS = new Set(
  '的 了 着 过 是 在 我 你 您 他 她 它 我们 你们 他们 吗 呢 吧 啊 呀 哦 嗯 和 与 也 都 就 很 还 这 那 个 一 有 没 要 会'.split(
    ' ',
  ),
);

let segmenter: Intl.Segmenter | undefined;

/**
 * Terms of one run of Han or kana: the words `Intl.Segmenter` finds (ICU's dictionary), without
 * particles, plus every pair of adjacent characters, so a word the dictionary splits differently
 * in two texts ("人均" vs "人|均") still matches. A run of one character is that character.
 */
export function cjkTerms(run: string): string[] {
  const characters = [...run];
  if (characters.length === 1) return CJK_STOPWORDS.has(run) ? [] : [run];
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const terms: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(run)) {
    if (isWordLike && !CJK_STOPWORDS.has(segment)) terms.push(segment);
  }
  for (let i = 0; i + 1 < characters.length; i++) terms.push(characters[i] + characters[i + 1]);
  return terms;
}

/** Whether the text holds any Han or kana. */
export function hasCjk(text: string): boolean {
  return CJK_CHAR.test(text);
}

/** The text with a space either side of each run of Han or kana, so it splits off other words. */
export function spaceCjkRuns(text: string): string {
  return text.replace(CJK_RUN, ' $& ');
}
