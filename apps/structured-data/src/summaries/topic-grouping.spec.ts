import { memoryRecord } from '../memories/memory-record.fixture';
import { groupMemories } from './topic-grouping';

const summary = (groups: ReturnType<typeof groupMemories>) =>
  groups.map((group) => [group.category, group.memories.map((memory) => memory.memory)]);

describe(groupMemories.name, () => {
  it('groups by category, a memory joining each of its categories, largest first', () => {
    const groups = groupMemories([
      memoryRecord('Likes sushi', { categories: ['food', 'preferences'] }),
      memoryRecord('Allergic to peanuts', { categories: ['health', 'food'] }),
      memoryRecord('Runs every morning', { categories: ['health'] }),
      memoryRecord('Visited Kyoto', { categories: ['travel'] }),
    ]);
    expect(summary(groups)).toEqual([
      ['food', ['Likes sushi', 'Allergic to peanuts']],
      ['health', ['Allergic to peanuts', 'Runs every morning']],
      ['preferences', ['Likes sushi']],
      ['travel', ['Visited Kyoto']],
    ]);
  });

  it('gives memories without categories preference, dislike and keyword topics, then other', () => {
    const groups = groupMemories([
      memoryRecord('Enjoys hiking'),
      memoryRecord('Hates cilantro'),
      memoryRecord('Has a daughter named Mia'),
      memoryRecord('Daughter starts school in September'),
      memoryRecord('Owns a red bicycle'),
      memoryRecord('Planning a trip to Japan'),
      memoryRecord('Trip budget is 3000 dollars'),
    ]);
    expect(summary(groups)).toEqual([
      ['daughter', ['Has a daughter named Mia', 'Daughter starts school in September']],
      ['trip', ['Planning a trip to Japan', 'Trip budget is 3000 dollars']],
      ['dislikes', ['Hates cilantro']],
      ['preferences', ['Enjoys hiking']],
      ['other', ['Owns a red bicycle']],
    ]);
  });

  it('answers no groups for no memories', () => {
    expect(groupMemories([])).toEqual([]);
  });
});
