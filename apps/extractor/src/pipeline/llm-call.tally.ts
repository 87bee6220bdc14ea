import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<{ calls: number }>();

/** Runs one add and counts the LLM calls made on its behalf, wherever in the pipeline they happen. */
export async function countLlmCalls<T>(
  run: () => Promise<T>,
): Promise<{ value: T; calls: number }> {
  const tally = { calls: 0 };
  const value = await current.run(tally, run);
  return { value, calls: tally.calls };
}

/** Called for every finished LLM call; counts it for the add it was made for, if any. */
export function noteLlmCall(): void {
  const tally = current.getStore();
  if (tally) tally.calls += 1;
}
