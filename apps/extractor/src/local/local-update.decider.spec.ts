import type { ExistingMemory, MemoryDecision } from '../extraction-steps';
import { LocalUpdateDecider } from './local-update.decider';

function memories(...texts: string[]): ExistingMemory[] {
  return texts.map((text, i) => ({ id: `m${i + 1}`, text }));
}

const add = (text: string): MemoryDecision => ({ event: 'ADD', text });
const none = (id: string, text: string): MemoryDecision => ({ event: 'NONE', id, text });
const drop = (id: string, text: string): MemoryDecision => ({ event: 'DELETE', id, text });
const update = (id: string, text: string, oldMemory: string): MemoryDecision => ({
  event: 'UPDATE',
  id,
  text,
  oldMemory,
});

describe(LocalUpdateDecider.name, () => {
  const decider = new LocalUpdateDecider();
  const decide = (facts: string[], existing: ExistingMemory[] = []) =>
    decider.decide({ facts, existing });

  it('updates the location when the user moves', async () => {
    expect(await decide(['Lives in Shanghai'], memories('Lives in Hangzhou'))).toEqual([
      update('m1', 'Lives in Shanghai', 'Lives in Hangzhou'),
    ]);
  });

  it('adds a new Chinese statement beside stored ones and keeps a repeated one once', async () => {
    const stored = memories('我想找一家好餐厅，最好是川菜，人均100元左右', 'Lives in Hangzhou');
    expect(await decide(['我住在杭州'], stored)).toEqual([add('我住在杭州')]);
    expect(await decide(['我想找一家好餐厅，最好是川菜，人均100元左右'], stored)).toEqual([
      none('m1', '我想找一家好餐厅，最好是川菜，人均100元左右'),
    ]);
  });

  it('changes nothing when the same preference is stated twice', async () => {
    expect(await decide(['Loves sushi'], memories('Loves sushi'))).toEqual([
      none('m1', 'Loves sushi'),
    ]);
  });

  it('deletes the old diet and adds the new fact when the user is no longer vegetarian', async () => {
    expect(await decide(['No longer vegetarian'], memories('Is vegetarian'))).toEqual([
      drop('m1', 'Is vegetarian'),
      add('No longer vegetarian'),
    ]);
  });

  it('adds facts when nothing is stored yet', async () => {
    expect(await decide(['Lives in Hangzhou', 'Loves sushi'])).toEqual([
      add('Lives in Hangzhou'),
      add('Loves sushi'),
    ]);
  });

  const P = 'Plans to travel to Tokyo next week (week of 2026-03-16)';
  const cases: ReadonlyArray<
    [when: string, fact: string, stored: string[], out: MemoryDecision[]]
  > = [
    [
      'another wording says the same',
      'Lives in Hangzhou',
      ['User lives in Hangzhou'],
      [none('m1', 'User lives in Hangzhou')],
    ],
    [
      'the stored place is more precise',
      'Lives in Hangzhou',
      ['Lives in Hangzhou, China'],
      [none('m1', 'Lives in Hangzhou, China')],
    ],
    [
      'the new place is more precise',
      'Lives in Hangzhou, China',
      ['Lives in Hangzhou'],
      [update('m1', 'Lives in Hangzhou, China', 'Lives in Hangzhou')],
    ],
    [
      'an LLM wrote the old place',
      'Lives in Shanghai',
      ['User lives in Hangzhou, China', 'Loves sushi'],
      [update('m1', 'Lives in Shanghai', 'User lives in Hangzhou, China')],
    ],
    [
      'the stored memory is first person',
      'Lives in Shanghai',
      ['I live in Hangzhou'],
      [update('m1', 'Lives in Shanghai', 'I live in Hangzhou')],
    ],
    [
      'case, punctuation and word forms differ',
      'loves sushi.',
      ['Loves Sushi'],
      [none('m1', 'Loves Sushi')],
    ],
    [
      'the verb of liking differs',
      'Likes Sichuan food',
      ['Prefers Sichuan cuisine'],
      [none('m1', 'Prefers Sichuan cuisine')],
    ],
    [
      'the words come in another order',
      'Allergic to peanuts',
      ['Has a peanut allergy'],
      [none('m1', 'Has a peanut allergy')],
    ],
    [
      'the full name completes the stored one',
      'Name is Xiao Ming',
      ["The user's name is Ming"],
      [update('m1', 'Name is Xiao Ming', "The user's name is Ming")],
    ],
    [
      'part of the stored name is given',
      'Name is Ming',
      ["The user's name is Xiao Ming"],
      [none('m1', "The user's name is Xiao Ming")],
    ],
    [
      'a different name is given',
      'Name is Alex',
      ['Name is John'],
      [update('m1', 'Name is Alex', 'Name is John')],
    ],
    [
      'the job changes',
      'Works as a nurse',
      ['Is a software engineer'],
      [update('m1', 'Works as a nurse', 'Is a software engineer')],
    ],
    [
      'the employer changes',
      'Works at Meta',
      ['Works at Google'],
      [update('m1', 'Works at Meta', 'Works at Google')],
    ],
    [
      'the budget changes',
      'Budget about 150 yuan per person',
      ['Budget about 100 yuan per person'],
      [update('m1', 'Budget about 150 yuan per person', 'Budget about 100 yuan per person')],
    ],
    [
      'the age changes',
      'Is 33 years old',
      ['User is 32 years old'],
      [update('m1', 'Is 33 years old', 'User is 32 years old')],
    ],
    [
      'the diet changes',
      'Is vegan',
      ['Is vegetarian'],
      [update('m1', 'Is vegan', 'Is vegetarian')],
    ],
    [
      'the plan gets a new date',
      'Plans to travel to Tokyo in May',
      [P],
      [update('m1', 'Plans to travel to Tokyo in May', P)],
    ],
    [
      'a liked food becomes disliked',
      'Dislikes sushi',
      ['Likes sushi', 'Lives in Hangzhou'],
      [drop('m1', 'Likes sushi'), add('Dislikes sushi')],
    ],
    [
      'a disliked food becomes liked',
      'Loves cilantro',
      ['User does not like cilantro'],
      [drop('m1', 'User does not like cilantro'), add('Loves cilantro')],
    ],
    [
      'every stored copy is contradicted',
      'No longer likes sushi',
      ['Likes sushi', 'Loves sushi'],
      [drop('m1', 'Likes sushi'), drop('m2', 'Loves sushi'), add('No longer likes sushi')],
    ],
    [
      'an allergy is outgrown',
      'No longer allergic to penicillin',
      ['Allergic to penicillin'],
      [drop('m1', 'Allergic to penicillin'), add('No longer allergic to penicillin')],
    ],
    [
      'a trip is cancelled',
      'No longer plans to travel to Tokyo',
      [P],
      [drop('m1', P), add('No longer plans to travel to Tokyo')],
    ],
    ['another food is liked', 'Loves ramen', ['Loves sushi'], [add('Loves ramen')]],
    [
      'another allergy is found',
      'Allergic to shellfish',
      ['Allergic to peanuts'],
      [add('Allergic to shellfish')],
    ],
    [
      'another child is named',
      'Has a son named Tom',
      ['Has a daughter named Lily'],
      [add('Has a son named Tom')],
    ],
    [
      'a negated place is not the stored place',
      'Does not live in Paris',
      ['Lives in Hangzhou'],
      [add('Does not live in Paris')],
    ],
    [
      'free text says the same',
      'Went to Paris last summer',
      ['User went to Paris last summer'],
      [none('m1', 'User went to Paris last summer')],
    ],
    [
      'free text is new',
      'Owns a red bicycle',
      ['Went to Paris last summer'],
      [add('Owns a red bicycle')],
    ],
  ];

  it.each(cases)('decides when %s', async (_when, fact, stored, out) => {
    expect(await decide([fact], memories(...stored))).toEqual(out);
  });

  it('lets a later fact of the batch replace an earlier one instead of adding both', async () => {
    expect(await decide(['Lives in Hangzhou', 'Lives in Shanghai'])).toEqual([
      add('Lives in Shanghai'),
    ]);
  });

  it('withdraws a batch ADD that a later fact of the batch contradicts', async () => {
    expect(await decide(['Loves sushi', 'Dislikes sushi'])).toEqual([add('Dislikes sushi')]);
  });

  it('gives one UPDATE per memory when two facts of the batch change it', async () => {
    const facts = ['Lives in Shanghai', 'Lives in Shanghai, China'];
    expect(await decide(facts, memories('Lives in Hangzhou'))).toEqual([
      update('m1', 'Lives in Shanghai, China', 'Lives in Hangzhou'),
    ]);
  });

  it('answers a repeat within the batch with NONE and no id', async () => {
    expect(await decide(['Loves sushi', 'Likes sushi'])).toEqual([
      add('Loves sushi'),
      { event: 'NONE', text: 'Likes sushi' },
    ]);
  });

  it('updates one stored value and deletes its stale copies', async () => {
    const stored = memories('Lives in Hangzhou', 'User lives in Beijing');
    expect(await decide(['Lives in Shanghai'], stored)).toEqual([
      update('m1', 'Lives in Shanghai', 'Lives in Hangzhou'),
      drop('m2', 'User lives in Beijing'),
    ]);
  });

  it('skips blank facts', async () => {
    expect(await decide(['  ', ''], memories('Loves sushi'))).toEqual([]);
  });
});
