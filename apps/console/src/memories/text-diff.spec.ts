import { textDiff } from './text-diff';

describe('textDiff', () => {
  it('marks the words an update replaced', () => {
    expect(textDiff('Lives in Hangzhou', 'Lives in Shanghai')).toEqual([
      { kind: 'same', text: 'Lives in ' },
      { kind: 'removed', text: 'Hangzhou' },
      { kind: 'added', text: 'Shanghai' },
    ]);
  });

  it('shows an ADD as all added and a DELETE as all removed', () => {
    expect(textDiff(null, 'Likes tea')).toEqual([{ kind: 'added', text: 'Likes tea' }]);
    expect(textDiff('Likes tea', null)).toEqual([{ kind: 'removed', text: 'Likes tea' }]);
  });
});
