import { memoryRecord } from '../memories/memory-record.fixture';
import { localSummaryOf } from './local-summary.writer';

describe(localSummaryOf.name, () => {
  it('joins distinct memory texts into one sentence', () => {
    const memories = ['Likes sushi.', 'Likes ramen', 'Likes sushi'].map((t) => memoryRecord(t));
    expect(localSummaryOf({ category: 'food', memories })).toBe('Likes sushi; Likes ramen.');
  });

  it('names how many more there are past the first eight', () => {
    const memories = Array.from({ length: 10 }, (_, i) => memoryRecord(`Fact ${i}`));
    expect(localSummaryOf({ category: 'misc', memories })).toBe(
      'Fact 0; Fact 1; Fact 2; Fact 3; Fact 4; Fact 5; Fact 6; Fact 7; and 2 more.',
    );
  });
});
