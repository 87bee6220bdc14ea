import { hashOf, parseHash } from './hash-location';

describe('hash locations', () => {
  it('reads segments and parameters', () => {
    expect(parseHash('#/memories/a%2Fb?user_id=alice&page=2')).toEqual({
      segments: ['memories', 'a/b'],
      params: { user_id: 'alice', page: '2' },
    });
  });

  it('reads an empty hash as the start', () => {
    expect(parseHash('')).toEqual({ segments: [], params: {} });
  });

  it('writes what it reads, leaving out empty parameters', () => {
    const href = hashOf(['memories'], { user_id: 'a b&c', q: '', page: 3, agent_id: undefined });
    expect(href).toBe('#/memories?user_id=a+b%26c&page=3');
    expect(parseHash(href)).toEqual({
      segments: ['memories'],
      params: { user_id: 'a b&c', page: '3' },
    });
  });
});
