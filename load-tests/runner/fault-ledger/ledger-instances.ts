import type { MetricsEndpoint } from '../bus-timings';

/** Whether anything answers HTTP at the URL within a second (any status). */
export async function responds(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/**
 * The instances whose metrics port does not answer (a service opens it last in its start), after
 * waiting up to `timeoutMs` for all: every killed instance must be back once the faults are over.
 */
export async function instancesDown(
  endpoints: MetricsEndpoint[],
  timeoutMs: number,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answers = await Promise.all(endpoints.map((endpoint) => responds(endpoint.url)));
    const down = endpoints.filter((_, index) => !answers[index]).map((endpoint) => endpoint.name);
    if (down.length === 0 || Date.now() >= deadline) return down;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The first gateway that answers, for the reads after the run. */
export async function firstAnswering(baseUrls: string[]): Promise<string> {
  for (const url of baseUrls) if (await responds(`${url}/health`)) return url;
  throw new Error(`no gateway answers: ${baseUrls.join(', ')}`);
}
