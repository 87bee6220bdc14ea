import { cjkTerms, hasCjk } from './cjk-terms';

describe(cjkTerms.name, () => {
  it('gives the dictionary words without particles, then every pair of adjacent characters', () => {
    expect(cjkTerms('上次推荐的餐厅不错')).toEqual([
      '上次',
      '推荐',
      '餐厅',
      '不错',
      '上次',
      '次推',
      '推荐',
      '荐的',
      '的餐',
      '餐厅',
      '厅不',
      '不错',
    ]);
  });

  it('keeps a lone character unless it is a particle', () => {
    expect(cjkTerms('菜')).toEqual(['菜']);
    expect(cjkTerms('的')).toEqual([]);
  });

  it('tells text with Han or kana from text without', () => {
    expect(hasCjk('I like 川菜')).toBe(true);
    expect(hasCjk('カレー')).toBe(true);
    expect(hasCjk('Sichuan food, 100 yuan')).toBe(false);
  });
});
