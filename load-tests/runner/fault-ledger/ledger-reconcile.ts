import type { LedgerEntry, LedgerTarget } from './ledger-clients';

/** What became of the acknowledged adds, counted after the run has drained. */
export interface Reconciliation {
  syncAcked: number;
  syncAckedMissing: number;
  /** adds answered with an error that were applied anyway (a 503 whose job stayed queued) */
  syncUnackedApplied: number;
  asyncAccepted: number;
  asyncSucceeded: number;
  asyncSucceededMissing: number;
  asyncFailedWithReason: number;
  asyncFailedWithoutReason: number;
  /** neither SUCCEEDED nor FAILED when the drain ended */
  asyncUnfinished: number;
  duplicates: number;
}

type Json = Record<string, unknown>;

/** Event status of every accepted async add, until all are final or the drain time is up. */
export async function drainEvents(
  target: LedgerTarget,
  entries: LedgerEntry[],
  drainMs: number,
): Promise<Map<string, Json>> {
  const pending = entries.filter((entry) => entry.route === 'async add' && entry.eventId);
  const final = new Map<string, Json>();
  const deadline = Date.now() + drainMs;
  while (final.size < pending.length && Date.now() < deadline) {
    for (const entry of pending) {
      if (final.has(entry.eventId!)) continue;
      const event = await get(target, `/v1/event/${entry.eventId}/`, target.projectKey);
      if (event?.status === 'SUCCEEDED' || event?.status === 'FAILED')
        final.set(entry.eventId!, event);
    }
    if (final.size < pending.length) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return final;
}

export async function reconcile(
  target: LedgerTarget,
  entries: LedgerEntry[],
  events: Map<string, Json>,
): Promise<Reconciliation> {
  const result: Reconciliation = {
    syncAcked: 0,
    syncAckedMissing: 0,
    syncUnackedApplied: 0,
    asyncAccepted: 0,
    asyncSucceeded: 0,
    asyncSucceededMissing: 0,
    asyncFailedWithReason: 0,
    asyncFailedWithoutReason: 0,
    asyncUnfinished: 0,
    duplicates: 0,
  };
  await reconcileSync(target, entries, result);
  await reconcileAsync(target, entries, events, result);
  return result;
}

async function reconcileSync(target: LedgerTarget, entries: LedgerEntry[], result: Reconciliation) {
  const adds = entries.filter((entry) => entry.route === 'sync add');
  const copies = new Map<string, number>();
  for (const userId of new Set(adds.map((entry) => entry.userId))) {
    const listed = await get(target, `/memories?user_id=${userId}&top_k=1000`, undefined);
    for (const memory of (listed?.results as Json[] | undefined) ?? []) {
      const ledger = (memory.metadata as Json | null)?.ledger;
      if (typeof ledger === 'string') copies.set(ledger, (copies.get(ledger) ?? 0) + 1);
    }
  }
  for (const add of adds) {
    const count = copies.get(add.ledgerId!) ?? 0;
    if (count > 1) result.duplicates += count - 1;
    if (add.status === 200) {
      result.syncAcked += 1;
      if (count === 0) result.syncAckedMissing += 1;
    } else if (count > 0) {
      result.syncUnackedApplied += 1;
    }
  }
}

async function reconcileAsync(
  target: LedgerTarget,
  entries: LedgerEntry[],
  events: Map<string, Json>,
  result: Reconciliation,
) {
  for (const add of entries.filter((entry) => entry.route === 'async add' && entry.eventId)) {
    result.asyncAccepted += 1;
    const event = events.get(add.eventId!);
    if (!event) {
      result.asyncUnfinished += 1;
    } else if (event.status === 'FAILED') {
      if (event.error ?? event.message) result.asyncFailedWithReason += 1;
      else result.asyncFailedWithoutReason += 1;
    } else {
      result.asyncSucceeded += 1;
      const listed = await post(target, '/v3/memories/', { filters: { user_id: add.userId } });
      const memories = (Array.isArray(listed) ? listed : (listed?.results as Json[])) ?? [];
      const texts = memories.map((memory) => String(memory.memory));
      if (texts.length === 0) result.asyncSucceededMissing += 1;
      result.duplicates += texts.length - new Set(texts).size;
    }
  }
}

async function get(target: LedgerTarget, path: string, projectKey: string | undefined) {
  const headers: Record<string, string> = projectKey
    ? { authorization: `Token ${projectKey}` }
    : { 'x-api-key': target.adminKey };
  const response = await fetch(`${target.baseUrl}${path}`, { headers });
  return response.ok ? ((await response.json()) as Json) : undefined;
}

async function post(target: LedgerTarget, path: string, body: unknown) {
  const response = await fetch(`${target.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Token ${target.projectKey}` },
    body: JSON.stringify(body),
  });
  return response.ok ? ((await response.json()) as Json | Json[]) : undefined;
}
