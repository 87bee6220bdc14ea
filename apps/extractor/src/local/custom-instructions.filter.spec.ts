import { filterByInstructions, readTopicLimits } from './custom-instructions.filter';

describe('filterByInstructions', () => {
  const facts = [
    'Lives in Hangzhou',
    'Loves Sichuan food',
    'Allergic to peanuts',
    'Works as a nurse',
    'Plans to travel to Tokyo next week',
    'Has two kids',
  ];

  it('reads only-topics and never-topics', () => {
    expect(readTopicLimits('Only extract facts about food, travel and work.')).toEqual({
      only: ['food', 'travel', 'work'],
      never: [],
    });
    expect(readTopicLimits("Don't remember anything about family.")).toEqual({
      only: [],
      never: ['famili'],
    });
  });

  const cases: ReadonlyArray<[instructions: string | undefined, kept: string[]]> = [
    [undefined, facts],
    ['Be concise and accurate.', facts],
    ['Only extract facts about food and diet.', ['Loves Sichuan food', 'Allergic to peanuts']],
    ['Focus on travel plans.', ['Lives in Hangzhou', 'Plans to travel to Tokyo next week']],
    ['Only keep information related to work or career.', ['Works as a nurse']],
    [
      'Do not store any health information.',
      [
        'Lives in Hangzhou',
        'Loves Sichuan food',
        'Works as a nurse',
        'Plans to travel to Tokyo next week',
        'Has two kids',
      ],
    ],
    [
      'Never record facts about family.',
      [
        'Lives in Hangzhou',
        'Loves Sichuan food',
        'Allergic to peanuts',
        'Works as a nurse',
        'Plans to travel to Tokyo next week',
      ],
    ],
  ];

  it.each(cases)('applies "%s"', (instructions, kept) => {
    expect(filterByInstructions(facts, instructions)).toEqual(kept);
  });
});
