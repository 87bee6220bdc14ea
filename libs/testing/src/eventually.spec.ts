import { eventually } from './eventually';

describe(eventually.name, () => {
  it('resolves with the first value returned without throwing', async () => {
    let calls = 0;

    const value = await eventually(
      () => {
        calls += 1;
        if (calls < 3) throw new Error(`not yet (${calls})`);
        return `ready after ${calls}`;
      },
      { intervalMs: 1 },
    );

    expect(value).toBe('ready after 3');
    expect(calls).toBe(3);
  });

  it('retries rejected promises as well as thrown errors', async () => {
    let calls = 0;

    const value = await eventually(
      () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('first call fails')) : Promise.resolve(42);
      },
      { intervalMs: 1 },
    );

    expect(value).toBe(42);
  });

  it('rethrows the last error on timeout, naming the time spent', async () => {
    let calls = 0;
    const failing = eventually(
      () => {
        calls += 1;
        throw new Error(`attempt ${calls} failed`);
      },
      { timeoutMs: 60, intervalMs: 10 },
    );

    const error = await failing.then(
      () => undefined,
      (err: unknown) => err as Error,
    );

    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toMatch(
      new RegExp(
        `^eventually: still failing after \\d+ ms and ${calls} attempts: attempt ${calls} failed$`,
      ),
    );
    expect(Number(/after (\d+) ms/.exec(error?.message ?? '')?.[1])).toBeGreaterThanOrEqual(60);
  });

  it('keeps jest assertion failures as the rethrown error', async () => {
    const error = await eventually(() => expect(1).toBe(2), { timeoutMs: 20, intervalMs: 5 }).then(
      () => undefined,
      (err: unknown) => err as Error & { matcherResult?: unknown },
    );

    expect(error?.matcherResult).toBeDefined();
    expect(error?.message).toContain('Expected: 2');
  });

  it('gives up on an attempt that never settles once the time is up', async () => {
    const never = new Promise<never>(() => undefined);

    await expect(eventually(() => never, { timeoutMs: 30 })).rejects.toThrow(
      /^eventually: still failing after \d+ ms and 1 attempts: the last attempt never settled$/,
    );
  });

  it('wraps a thrown non-error value', async () => {
    await expect(
      eventually(
        () => {
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- the case under test
          throw 'plain string';
        },
        { timeoutMs: 10, intervalMs: 5 },
      ),
    ).rejects.toThrow(/: plain string$/);
  });
});
