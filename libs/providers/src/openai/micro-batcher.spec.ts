import { MicroBatcher } from './micro-batcher';

function recordingBatcher(maxBatch: number, maxWaitMs: number) {
  const batches: number[][] = [];
  const batcher = new MicroBatcher<number, string>({
    maxBatch,
    maxWaitMs,
    run: (inputs) => {
      batches.push(inputs);
      return Promise.resolve(inputs.map((n) => `out-${n}`));
    },
  });
  return { batcher, batches };
}

describe(MicroBatcher.name, () => {
  it('merges calls submitted within the wait window into one batch', async () => {
    const { batcher, batches } = recordingBatcher(100, 5);

    const results = await Promise.all([
      batcher.submit([1, 2]),
      batcher.submit([3]),
      batcher.submit([4, 5, 6]),
    ]);

    expect(batches).toEqual([[1, 2, 3, 4, 5, 6]]);
    expect(results).toEqual([['out-1', 'out-2'], ['out-3'], ['out-4', 'out-5', 'out-6']]);
  });

  it('sends a lone input at the end of the turn instead of waiting out the window', async () => {
    const { batcher, batches } = recordingBatcher(100, 60_000);

    const first = batcher.submit([1]);
    const second = batcher.submit([2]);

    await expect(Promise.all([first, second])).resolves.toEqual([['out-1'], ['out-2']]);
    expect(batches).toEqual([[1, 2]]);
  });

  it('holds inputs for the window while a batch is running, then sends them together', async () => {
    jest.useFakeTimers();
    try {
      const batches: number[][] = [];
      const answers: (() => void)[] = [];
      const batcher = new MicroBatcher<number, number>({
        maxBatch: 100,
        maxWaitMs: 5,
        run: (inputs) => {
          batches.push(inputs);
          return new Promise((resolve) => answers.push(() => resolve(inputs)));
        },
      });

      const first = batcher.submit([1]);
      jest.runOnlyPendingTimers(); // the turn ends: [1] leaves and stays running
      expect(batches).toEqual([[1]]);
      const second = batcher.submit([2]);
      await jest.advanceTimersByTimeAsync(4);
      const third = batcher.submit([3]);
      expect(batches).toEqual([[1]]);
      await jest.advanceTimersByTimeAsync(1);
      expect(batches).toEqual([[1], [2, 3]]);

      answers.forEach((answer) => answer());
      await expect(Promise.all([first, second, third])).resolves.toEqual([[1], [2], [3]]);
      // Nothing running again: the next input does not wait.
      const fourth = batcher.submit([4]);
      jest.runOnlyPendingTimers();
      expect(batches).toEqual([[1], [2, 3], [4]]);
      answers[2]?.();
      await expect(fourth).resolves.toEqual([4]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('sends full batches at once and gives a caller spanning two batches all its outputs', async () => {
    const { batcher, batches } = recordingBatcher(3, 60_000);

    const results = await Promise.all([batcher.submit([1, 2]), batcher.submit([3, 4, 5, 6])]);

    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(results).toEqual([
      ['out-1', 'out-2'],
      ['out-3', 'out-4', 'out-5', 'out-6'],
    ]);
    expect(batcher.queued).toBe(0);
  });

  it('sends the remainder of a full batch when the wait window ends', async () => {
    const { batcher, batches } = recordingBatcher(3, 5);

    const results = await batcher.submit([1, 2, 3, 4]);

    expect(batches).toEqual([[1, 2, 3], [4]]);
    expect(results).toEqual(['out-1', 'out-2', 'out-3', 'out-4']);
  });

  it('starts a new batch for calls made after the previous one was sent', async () => {
    const { batcher, batches } = recordingBatcher(100, 1);

    await batcher.submit([1]);
    await batcher.submit([2]);

    expect(batches).toEqual([[1], [2]]);
  });

  it('answers an empty submission without running a batch', async () => {
    const { batcher, batches } = recordingBatcher(10, 1);

    await expect(batcher.submit([])).resolves.toEqual([]);
    expect(batches).toEqual([]);
  });

  it('rejects every caller of a failed batch and keeps serving later ones', async () => {
    let calls = 0;
    const batcher = new MicroBatcher<number, number>({
      maxBatch: 10,
      maxWaitMs: 1,
      run: (inputs) => {
        calls += 1;
        if (calls === 1) return Promise.reject(new Error('provider down'));
        return Promise.resolve(inputs.map((n) => n * 10));
      },
    });

    const settled = await Promise.allSettled([batcher.submit([1]), batcher.submit([2])]);

    expect(settled.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    for (const result of settled) {
      expect((result as PromiseRejectedResult).reason).toEqual(new Error('provider down'));
    }
    await expect(batcher.submit([3])).resolves.toEqual([30]);
  });

  it('rejects the batch when the runner answers the wrong number of outputs', async () => {
    const batcher = new MicroBatcher<number, number>({
      maxBatch: 10,
      maxWaitMs: 1,
      run: () => Promise.resolve([1]),
    });

    await expect(batcher.submit([1, 2])).rejects.toThrow('batch of 2 inputs answered 1 outputs');
  });

  it('refuses a batch size below one and a negative wait', () => {
    const run = (inputs: number[]) => Promise.resolve(inputs);

    expect(() => new MicroBatcher({ run, maxBatch: 0, maxWaitMs: 1 })).toThrow(
      'maxBatch must be a positive integer, got 0',
    );
    expect(() => new MicroBatcher({ run, maxBatch: 1, maxWaitMs: -1 })).toThrow(
      'maxWaitMs must be zero or more, got -1',
    );
  });
});
