import { TokenBucketStore } from './token-bucket.store';

describe(TokenBucketStore.name, () => {
  let now: number;
  let store: TokenBucketStore;
  const minute = 60_000;

  beforeEach(() => {
    now = 1_000_000;
    store = new TokenBucketStore(() => now);
  });

  it('lets a full burst through, then refuses with the time until one token is back', () => {
    expect(store.take('k', minute, 3)).toEqual({ current: 1, ttl: 20_000 });
    expect(store.take('k', minute, 3)).toEqual({ current: 2, ttl: 40_000 });
    expect(store.take('k', minute, 3)).toEqual({ current: 3, ttl: 60_000 });
    expect(store.take('k', minute, 3)).toEqual({ current: 4, ttl: 20_000 });
  });

  it('refills evenly over the window', () => {
    for (let i = 0; i < 3; i++) store.take('k', minute, 3);
    now += 15_000;
    expect(store.take('k', minute, 3)).toEqual({ current: 4, ttl: 5_000 });
    now += 5_000;
    expect(store.take('k', minute, 3)).toEqual({ current: 3, ttl: 60_000 });
  });

  it('never holds more than max tokens after a long pause', () => {
    store.take('k', minute, 3);
    now += 10 * minute;
    expect(store.peek('k', minute, 3)).toEqual({ current: 0, ttl: 0 });
    expect(store.take('k', minute, 3)).toEqual({ current: 1, ttl: 20_000 });
  });

  it('keeps one bucket per key', () => {
    for (let i = 0; i < 3; i++) store.take('a', minute, 3);
    expect(store.take('a', minute, 3).current).toBe(4);
    expect(store.take('b', minute, 3).current).toBe(1);
  });

  it('answers through the callback interface of @fastify/rate-limit', () => {
    const results: unknown[] = [];
    store.incr('k', (error, result) => results.push(error, result), minute, 2);
    store.read('k', (error, result) => results.push(error, result), minute, 2);
    expect(results).toEqual([null, { current: 1, ttl: 30_000 }, null, { current: 1, ttl: 30_000 }]);
    expect(store.child()).toBe(store);
  });
});
