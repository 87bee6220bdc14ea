import { setTimeout as delay } from 'node:timers/promises';
import { countLlmCalls, noteLlmCall } from './llm-call.tally';

async function callModel(ms: number): Promise<void> {
  await delay(ms);
  noteLlmCall();
}

describe(countLlmCalls.name, () => {
  it('counts the calls made for each run, apart from runs interleaved with it', async () => {
    const [one, three] = await Promise.all([
      countLlmCalls(async () => {
        await callModel(5);
        return 'one';
      }),
      countLlmCalls(async () => {
        await Promise.all([callModel(1), callModel(8)]);
        await callModel(2);
        return 'three';
      }),
    ]);
    expect(one).toEqual({ value: 'one', calls: 1 });
    expect(three).toEqual({ value: 'three', calls: 3 });
  });

  it('ignores calls made outside any run', async () => {
    noteLlmCall();
    await expect(countLlmCalls(() => Promise.resolve(0))).resolves.toEqual({ value: 0, calls: 0 });
  });
});
