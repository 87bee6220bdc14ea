import { bm25Scores, keywordTerms } from './keyword-scoring';

describe('keywordTerms', () => {
  it('drops stopwords, stems English words and keeps numbers and CJK', () => {
    expect(
      keywordTerms("I'm looking for restaurants with Sichuan cuisine, about 100 yuan 四川菜"),
    ).toEqual(['look', 'restaur', 'sichuan', 'cuisin', '100', 'yuan', '四川菜']);
  });
});

describe('bm25Scores', () => {
  const docs = [
    'Prefers Sichuan cuisine',
    'Budget about 100 yuan per person',
    'Lives in Hangzhou',
  ].map(keywordTerms);

  it('scores documents sharing query terms above the rest', () => {
    const scores = bm25Scores(keywordTerms('Sichuan restaurants similar to the last one'), docs);
    expect(scores[0]).toBeGreaterThan(0);
    expect(scores[1]).toBe(0);
    expect(scores[2]).toBe(0);
  });

  it('weighs rare terms more than common ones', () => {
    const corpus = ['spicy food', 'spicy hotpot', 'spicy noodles', 'mild hotpot'].map(keywordTerms);
    const [food, hotpot] = bm25Scores(keywordTerms('spicy hotpot'), corpus);
    expect(hotpot).toBeGreaterThan(food);
  });

  it('gives zeros for an empty query', () => {
    expect(bm25Scores([], docs)).toEqual([0, 0, 0]);
  });
});
