import { setTimeout as delay } from 'node:timers/promises';

export interface EventuallyOptions {
  /** Give up after this long (default 4 s, inside jest's default 5 s test timeout). */
  timeoutMs?: number;
  /** Pause between attempts (default 25 ms). */
  intervalMs?: number;
}

const pending = Symbol('pending');

/**
 * Calls `fn` until it returns without throwing and resolves with its value. On timeout it
 * rethrows the last error, its message prefixed with the time spent, so assertion diffs survive.
 */
export async function eventually<T>(
  fn: () => T | Promise<T>,
  opts: EventuallyOptions = {},
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 4_000;
  const intervalMs = opts.intervalMs ?? 25;
  const started = Date.now();
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const remaining = timeoutMs - (Date.now() - started);
    let failure: unknown;
    try {
      const result = await settleWithin(fn, remaining);
      if (result !== pending) return result;
      failure = new Error('the last attempt never settled');
    } catch (err) {
      failure = err;
    }
    const elapsed = Date.now() - started;
    if (elapsed >= timeoutMs) throw annotated(failure, elapsed, attempts);
    await delay(Math.min(intervalMs, timeoutMs - elapsed));
  }
}

// An attempt that hangs must not outlive the deadline, or the caller would wait on it forever.
async function settleWithin<T>(fn: () => T | Promise<T>, ms: number): Promise<T | typeof pending> {
  const abort = new AbortController();
  const attempt = Promise.resolve().then(fn);
  const timeout = delay(Math.max(ms, 0), pending, { signal: abort.signal });
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    abort.abort();
    timeout.catch(() => undefined);
    attempt.catch(() => undefined);
  }
}

function annotated(failure: unknown, elapsed: number, attempts: number): Error {
  const prefix = `eventually: still failing after ${elapsed} ms and ${attempts} attempts`;
  if (!(failure instanceof Error))
    return new Error(`${prefix}: ${String(failure)}`, { cause: failure });
  const original = failure.message;
  failure.message = `${prefix}: ${original}`;
  if (original && failure.stack?.includes(original)) {
    failure.stack = failure.stack.replace(original, failure.message);
  }
  return failure;
}
