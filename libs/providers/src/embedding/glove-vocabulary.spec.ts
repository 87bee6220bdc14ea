import { GloveVocabulary } from './glove-vocabulary';

describe(GloveVocabulary.name, () => {
  const vocabulary = new GloveVocabulary('the\n,\nnaïve\n四川\n__proto__\nthe-end\n', 6);

  it('maps each word to its row', () => {
    expect(
      ['the', ',', 'naïve', '四川', '__proto__', 'the-end'].map((w) => vocabulary.rowOf(w)),
    ).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('answers -1 for words it lacks, prefixes and extensions included', () => {
    expect(['th', 'them', '', 'naive', 'constructor'].map((w) => vocabulary.rowOf(w))).toEqual([
      -1, -1, -1, -1, -1,
    ]);
  });

  it('gives back the word of a row', () => {
    expect(vocabulary.wordAt(3)).toBe('四川');
    expect(vocabulary.size).toBe(6);
  });

  it('finds every word of a vocabulary large enough to collide', () => {
    const words = Array.from({ length: 50_000 }, (_, i) => `w${i.toString(36)}`);
    const big = new GloveVocabulary(`${words.join('\n')}\n`, words.length);
    expect(words.every((word, row) => big.rowOf(word) === row)).toBe(true);
  });

  it('rejects a text with fewer or more lines than announced', () => {
    expect(() => new GloveVocabulary('a\nb\n', 3)).toThrow('the words file holds 2 words, not 3');
    expect(() => new GloveVocabulary('a\nb\nc\n', 2)).toThrow(
      'the words file holds more than 2 words',
    );
    expect(() => new GloveVocabulary('a\nb', 2)).toThrow('the words file holds 1 words, not 2');
  });

  it('rejects repeated and empty words', () => {
    expect(() => new GloveVocabulary('a\nb\na\n', 3)).toThrow('the words file repeats "a"');
    expect(() => new GloveVocabulary('a\n\nb\n', 3)).toThrow(
      'the words file has an empty line at row 1',
    );
  });
});
