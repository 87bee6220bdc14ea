import { bm25Scores, keywordTerms, positionalTerms } from './keyword-scoring';

describe('keywordTerms', () => {
  it('drops stopwords, stems English words and keeps numbers', () => {
    expect(
      keywordTerms("I'm looking for restaurants with Sichuan cuisine, about 100 yuan"),
    ).toEqual(['look', 'restaur', 'sichuan', 'cuisin', '100', 'yuan']);
  });

  it('splits Chinese into dictionary words and character pairs, beside English words', () => {
    expect(keywordTerms('我在Hangzhou工作，喜欢川菜')).toEqual([
      '我在',
      '我在',
      'hangzhou',
      '工作',
      '工作',
      '喜欢',
      '川菜',
      '喜欢',
      '欢川',
      '川菜',
    ]);
  });

  it('keeps the text order in positional terms: Chinese runs give their character pairs alone', () => {
    expect(positionalTerms('我在Hangzhou工作，喜欢川菜')).toEqual([
      '我在',
      'hangzhou',
      '工作',
      '喜欢',
      '欢川',
      '川菜',
    ]);
    expect(positionalTerms('New York pizza')).toEqual(['new', 'york', 'pizza']);
  });

  it('lets a Chinese question match the statement it refers to', () => {
    const statements = ['我想找一家好餐厅，最好是川菜，人均100元左右', '我住在杭州'];
    const scores = bm25Scores(
      keywordTerms('上次推荐的餐厅不错，有类似的吗？'),
      statements.map(keywordTerms),
    );
    expect(scores[0]).toBeGreaterThan(0);
    expect(scores[1]).toBe(0);
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
