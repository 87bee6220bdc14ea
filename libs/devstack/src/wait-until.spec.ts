import { waitUntil } from './wait-until';

describe(waitUntil.name, () => {
  it('returns the first defined value', async () => {
    let calls = 0;
    const value = await waitUntil(() => (++calls === 3 ? 'ok' : undefined), {
      description: 'three calls',
      timeoutMs: 2000,
      intervalMs: 1,
    });
    expect(value).toBe('ok');
    expect(calls).toBe(3);
  });

  it('fails after the timeout quoting the last error', async () => {
    await expect(
      waitUntil(
        () => {
          throw new Error('refused');
        },
        { description: 'a server', timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow('Timed out after 30 ms waiting for a server (last error: refused)');
  });

  it('stops at once when abortIf returns an error', async () => {
    await expect(
      waitUntil(() => undefined, {
        description: 'never',
        timeoutMs: 60_000,
        abortIf: () => new Error('server exited'),
      }),
    ).rejects.toThrow('server exited');
  });
});
