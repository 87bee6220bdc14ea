import { splitCompound, tokenize } from './text-tokenizer';

describe('tokenize', () => {
  it('lower-cases and splits on anything but letters and digits', () => {
    expect(tokenize('Love spicy SICHUAN food!! (really); 42/7')).toEqual([
      'love',
      'spicy',
      'sichuan',
      'food',
      'really',
      '42',
      '7',
    ]);
  });

  it('expands English contractions into words the vocabulary has', () => {
    expect(tokenize("I don't know, it's John's; we're sure they'll've I'm you'd")).toEqual([
      'do',
      'not',
      'know',
      'it',
      'john',
      'we',
      'are',
      'sure',
      'they',
      'will',
      'have',
      'am',
      'you',
      'would',
    ]);
  });

  it('treats irregular negations and typographic apostrophes alike', () => {
    expect(tokenize("can’t won’t shan't ain't isn’t")).toEqual([
      'can',
      'not',
      'will',
      'not',
      'shall',
      'not',
      'not',
      'is',
      'not',
    ]);
  });

  it('splits other inner apostrophes and drops quoting ones', () => {
    expect(tokenize("O'Brien said 'hello' to the dogs' owner")).toEqual([
      'brien',
      'said',
      'hello',
      'to',
      'the',
      'dogs',
      'owner',
    ]);
  });

  it('keeps hyphenated compounds whole and drops lone hyphens', () => {
    expect(tokenize('a well-known e-mail -- x-ray - ok')).toEqual([
      'well-known',
      'e-mail',
      'x-ray',
      'ok',
    ]);
  });

  it('drops single Latin letters', () => {
    expect(tokenize('I have a b c plan')).toEqual(['have', 'plan']);
  });

  it('folds accents and compatibility forms', () => {
    expect(tokenize('Café NAÏVE ｆｕｌｌ－ｗｉｄｔｈ ﬁne')).toEqual([
      'cafe',
      'naive',
      'full-width',
      'fine',
    ]);
  });

  it('splits Han and kana into words and character pairs but keeps other scripts whole', () => {
    expect(tokenize('我喜欢川菜 カレー iPhone手机 привет мир 안녕하세요')).toEqual([
      '喜欢',
      '川菜',
      '我喜',
      '喜欢',
      '欢川',
      '川菜',
      'カレー',
      'カレ',
      'レー',
      'iphone',
      '手机',
      '手机',
      'привет',
      'мир',
      '안녕하세요',
    ]);
  });

  it('returns no token for empty, blank or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \n\t ')).toEqual([]);
    expect(tokenize('!!! -- ...')).toEqual([]);
  });
});

describe('splitCompound', () => {
  it('splits on hyphens and drops single Latin letters', () => {
    expect(splitCompound('a-1234-order')).toEqual(['1234', 'order']);
  });
});
