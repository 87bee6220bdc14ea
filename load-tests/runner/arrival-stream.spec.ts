import { bodyOf, dueArrivals } from './arrival-stream';

describe('arrival stream', () => {
  it('starts the first request at once and the next ones evenly spaced', () => {
    expect(dueArrivals(400, 0, 0, 100)).toBe(1);
    expect(dueArrivals(400, 1, 2.4, 100)).toBe(0);
    expect(dueArrivals(400, 1, 2.5, 100)).toBe(1);
    // A late timer catches up with every arrival due meanwhile, and never passes the total.
    expect(dueArrivals(400, 2, 100, 100)).toBe(39);
    expect(dueArrivals(400, 90, 10_000, 100)).toBe(10);
  });

  it('fills the body template with the request number and its user', () => {
    const template = JSON.stringify({ content: 'item u{user} n{n}', user_id: 'u{user}' });
    expect(JSON.parse(bodyOf({ bodyTemplate: template, users: 200 }, 401))).toEqual({
      content: 'item u1 n401',
      user_id: 'u1',
    });
  });
});
