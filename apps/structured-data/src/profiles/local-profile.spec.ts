import { memoryRecord } from '../memories/memory-record.fixture';
import { localProfile } from './local-profile';

describe(localProfile.name, () => {
  it('lists the distinct facts of each category or topic', () => {
    expect(
      localProfile([
        memoryRecord('Likes sushi', { categories: ['food'] }),
        memoryRecord('Likes sushi', { categories: ['food'] }),
        memoryRecord('Lives in Hangzhou', { categories: ['location'] }),
        memoryRecord('Loves jazz'),
      ]),
    ).toEqual({
      food: ['Likes sushi'],
      location: ['Lives in Hangzhou'],
      preferences: ['Loves jazz'],
    });
  });
});
