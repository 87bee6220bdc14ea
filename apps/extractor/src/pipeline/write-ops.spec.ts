import type { AddJob } from '@mnemo/contracts';
import { defaultCategories } from '../categories/default-categories';
import { categoryList, decisionOps, verbatimOps } from './write-ops';

const categories = [
  { name: 'places', description: 'Where the user lives and travels' },
  { name: 'pets', description: 'Cats, dogs and other animals the user has' },
  { name: 'misc', description: 'Anything else' },
];
const facts = [
  { text: 'Lives in Shanghai', categories: ['places'] },
  { text: 'Has two cats', categories: ['pets'] },
];
const vectors = ['AAAA', 'BBBB'];

describe(decisionOps.name, () => {
  it('gives a fact written as it is its categories and the vector computed for it', () => {
    const ops = decisionOps(
      [
        { event: 'ADD', text: 'Has two cats' },
        { event: 'UPDATE', id: 'm1', text: 'Lives in Shanghai', oldMemory: 'Lives in Hangzhou' },
      ],
      facts,
      vectors,
      categories,
    );
    expect(ops).toEqual([
      { op: 'ADD', text: 'Has two cats', categories: ['pets'], vector: 'BBBB' },
      {
        op: 'UPDATE',
        memoryId: 'm1',
        text: 'Lives in Shanghai',
        categories: ['places'],
        vector: 'AAAA',
      },
    ]);
  });

  it('leaves a text that is no fact without a vector, filed like the fact it shares words with', () => {
    const ops = decisionOps(
      [
        {
          event: 'UPDATE',
          id: 'm2',
          text: 'Has two kittens named Tom and Mia',
          oldMemory: 'Has cats',
        },
      ],
      facts,
      vectors,
      categories,
    );
    expect(ops).toEqual([
      {
        op: 'UPDATE',
        memoryId: 'm2',
        text: 'Has two kittens named Tom and Mia',
        categories: ['pets'],
      },
    ]);
  });

  it('files a text sharing no word with any fact by the rules', () => {
    const [op] = decisionOps(
      [{ event: 'ADD', text: 'Travels by train' }],
      facts,
      vectors,
      categories,
    );
    expect(op).toEqual({ op: 'ADD', text: 'Travels by train', categories: ['places'] });
  });

  it('writes DELETE by id and nothing for NONE', () => {
    const ops = decisionOps(
      [
        { event: 'DELETE', id: 'm3', text: 'Has a dog' },
        { event: 'NONE', id: 'm4', text: 'Lives in Shanghai' },
      ],
      facts,
      vectors,
      categories,
    );
    expect(ops).toEqual([{ op: 'DELETE', memoryId: 'm3' }]);
  });
});

describe(verbatimOps.name, () => {
  it('stores every non-system message as it is, filed by the rules', () => {
    const job = {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'I have two cats', name: 'ana' },
        { role: 'assistant', content: '  ' },
      ],
    } as AddJob;
    expect(verbatimOps(job, categories)).toEqual([
      { op: 'ADD', text: 'I have two cats', role: 'user', actorId: 'ana', categories: ['pets'] },
    ]);
  });
});

describe(categoryList.name, () => {
  it("takes the add's custom categories, and Mem0's defaults without them", () => {
    expect(
      categoryList({
        customCategories: [{ pets: 'Animals' }, { misc: 'Else' }],
      } as unknown as AddJob),
    ).toEqual([
      { name: 'pets', description: 'Animals' },
      { name: 'misc', description: 'Else' },
    ]);
    expect(categoryList({ customCategories: [] } as unknown as AddJob)).toBe(defaultCategories);
  });
});
