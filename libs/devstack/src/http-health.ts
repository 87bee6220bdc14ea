import { waitUntil } from './wait-until';

/** Polls a URL until it answers 200. */
export async function waitForHttpOk(
  url: string,
  timeoutMs: number,
  abortIf?: () => Error | undefined,
): Promise<void> {
  await waitUntil(
    async () => {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      return response.status === 200 ? true : undefined;
    },
    { description: `200 from ${url}`, timeoutMs, intervalMs: 200, abortIf },
  );
}
