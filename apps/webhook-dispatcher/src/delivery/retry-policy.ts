/** What to do after a failed attempt: try again later, or give up for good. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * `attempts` counts the attempts made so far. The schedule's delay gets ±20% jitter so receivers
 * recovering from an outage are not hit in step; a later `Retry-After` wins.
 */
export function nextRetry(
  attempts: number,
  scheduleMs: readonly number[],
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): RetryDecision {
  const base = scheduleMs[attempts - 1];
  if (base === undefined) return { retry: false };
  const jittered = Math.round(base * (0.8 + random() * 0.4));
  return { retry: true, delayMs: Math.max(jittered, retryAfterMs ?? 0) };
}

/** `Retry-After` in seconds or as an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
