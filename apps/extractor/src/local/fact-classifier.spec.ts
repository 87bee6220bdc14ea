import { classifyFact } from './fact-classifier';
import { extractLocalFacts } from './local-fact.extractor';

describe('classifyFact', () => {
  const cases: ReadonlyArray<[text: string, attribute: string, polarity: 'affirmed' | 'negated']> =
    [
      ['Lives in Hangzhou', 'location', 'affirmed'],
      ['User lives in Hangzhou, China', 'location', 'affirmed'],
      ['The user currently resides in Shanghai.', 'location', 'affirmed'],
      ['I live in Hangzhou', 'location', 'affirmed'],
      ['Is from Chengdu', 'origin', 'affirmed'],
      ["The user's name is John", 'name', 'affirmed'],
      ['Goes by Mike', 'name', 'affirmed'],
      ['Is 32 years old', 'age', 'affirmed'],
      ['Was born in 1990', 'age:birth', 'affirmed'],
      ['Works as a software engineer', 'job', 'affirmed'],
      ['Is a software engineer at Google', 'job', 'affirmed'],
      ['Works at Google', 'employer', 'affirmed'],
      ['Has a wife named Anna', 'family:spouse', 'affirmed'],
      ['Has a son named Tom', 'family:son:tom', 'affirmed'],
      ['Has two kids', 'family-count:kid', 'affirmed'],
      ['Is married', 'relationship', 'affirmed'],
      ['Prefers Sichuan cuisine', 'preference:sichuan', 'affirmed'],
      ['Enjoys Sichuan food', 'preference:sichuan', 'affirmed'],
      ['Dislikes cilantro', 'preference:cilantro', 'negated'],
      ["User doesn't like cilantro", 'preference:cilantro', 'negated'],
      ['Favorite colors are blue and green', 'favourite:colour', 'affirmed'],
      ['Allergic to peanuts', 'allergy:peanut', 'affirmed'],
      ['Has a peanut allergy', 'allergy:peanut', 'affirmed'],
      ['Is vegetarian', 'diet', 'affirmed'],
      ['Follows a vegetarian diet', 'diet', 'affirmed'],
      ['No longer vegetarian', 'diet:vegetarian', 'negated'],
      ['User is not vegetarian anymore', 'diet:vegetarian', 'negated'],
      ['Follows a keto diet', 'diet-rule:keto', 'affirmed'],
      ['Is diabetic', 'health:diabet', 'affirmed'],
      ['Has diabetes', 'health:diabet', 'affirmed'],
      ['Cannot eat spicy food', 'restriction:spici', 'affirmed'],
      ['Budget about 100 yuan per person', 'budget', 'affirmed'],
      ['Budget 2000 dollars for the trip', 'budget:travel', 'affirmed'],
      ['Prefers affordable options', 'price-level', 'affirmed'],
      ['Plans to travel to Tokyo next week (week of 2026-03-16)', 'plan:tokyo travel', 'affirmed'],
      ['Plans a trip to Tokyo', 'plan:tokyo travel', 'affirmed'],
      ['No longer plans to travel to Tokyo', 'plan:tokyo travel', 'negated'],
      ['Looking for a good restaurant', 'goal:good restaur', 'affirmed'],
      ['Wants to find a good restaurant', 'goal:good restaur', 'affirmed'],
      [
        'Agent recommended Shuxiangyuan (95 RMB per person)',
        'recommendation:shuxiangyuan',
        'affirmed',
      ],
      ['Owns a red bicycle', 'free:bicycl own red', 'affirmed'],
    ];

  it.each(cases)('reads "%s" as %s (%s)', (text, attribute, polarity) => {
    const fact = classifyFact(text);
    expect([fact.attribute, fact.polarity]).toEqual([attribute, polarity]);
  });

  it('marks single-valued attributes only when affirmed', () => {
    expect(classifyFact('Lives in Hangzhou').singleValued).toBe(true);
    expect(classifyFact('Loves sushi').singleValued).toBe(false);
    expect(classifyFact('Does not live in Paris').singleValued).toBe(false);
  });

  it('recognises every fact the extractor writes', () => {
    const said = [
      "Hi, I'm Xiao Ming. I'm 32 years old. I live in Hangzhou but I'm from Chengdu.",
      "I'm a nurse at City Hospital. My wife's name is Anna and I have two kids.",
      "I love hiking, I hate cilantro and I'm allergic to peanuts. I'm vegetarian and lactose intolerant.",
      "My favourite color is blue. I'm going to Tokyo next week. My budget is about $50 per night.",
      'I want to learn Japanese. I am looking for a cheap hotel.',
    ];
    const facts = extractLocalFacts({
      messages: said.map((content) => ({ role: 'user', content })),
      agentMemory: false,
      today: '2026-03-10',
    });
    expect(facts.map((fact) => classifyFact(fact).category)).toEqual([
      'name',
      'age',
      'location',
      'origin',
      'job',
      'employer',
      'family',
      'family-count',
      'preference',
      'preference',
      'allergy',
      'diet',
      'health',
      'favourite',
      'plan',
      'budget',
      'goal',
      'goal',
      'price-level',
    ]);
  });
});
