/** The CLI's own messages, prefixed so they stand out among the services' logs. */
export function say(message: string): void {
  process.stdout.write(`[mnemo] ${message}\n`);
}

export function complain(message: string): void {
  process.stderr.write(`[mnemo] ${message}\n`);
}

/** Runs one named step, printing how long it took; errors name the step. */
export async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  say(`${name}...`);
  try {
    const result = await work();
    say(`${name}: done in ${seconds(started)}`);
    return result;
  } catch (error) {
    throw new StepError(`${name} (after ${seconds(started)})`, error);
  }
}

export class StepError extends Error {
  constructor(
    readonly step: string,
    cause: unknown,
  ) {
    super(`${step} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StepError';
  }
}

export function seconds(startedAt: number): string {
  return `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;
}
