import { randomUUID } from 'node:crypto';

/** One request the ledger made: what was asked, what came back, when. */
export interface LedgerEntry {
  route: 'sync add' | 'async add' | 'search';
  /** the add's own id, carried in its metadata (`ledger`) */
  ledgerId?: string;
  userId: string;
  /** HTTP status, or 0 when no answer came (connection refused, reset, deadline) */
  status: number;
  /** ms since the run started */
  at: number;
  ms: number;
  hung: boolean;
  memoryIds?: string[];
  eventId?: string;
}

export interface LedgerTarget {
  /** one gateway, for the reads after the run */
  baseUrl: string;
  /** the gateway for the next request (each in turn when there are several) */
  nextGateway: () => string;
  adminKey: string;
  projectKey: string;
}

// Past every deadline the service sets itself (a synchronous add waits at most 60 s).
const CLIENT_DEADLINE_MS = 70_000;
const FOODS = ['Sichuan', 'Cantonese', 'Thai', 'Greek', 'Mexican', 'Korean', 'Italian', 'Basque'];

/** Runs the three kinds of clients until `until()` says stop, recording every answer. */
export async function runLedgerClients(
  target: LedgerTarget,
  entries: LedgerEntry[],
  startedAt: number,
  until: () => boolean,
  workersPerRoute = 3,
): Promise<void> {
  const workers = Array.from({ length: workersPerRoute }, (_, worker) => [
    loop(until, () => syncAdd(target, worker, startedAt).then((e) => entries.push(e))),
    loop(until, () => asyncAdd(target, startedAt).then((e) => entries.push(e))),
    loop(until, () => search(target, worker, startedAt).then((e) => entries.push(e))),
  ]).flat();
  await Promise.all(workers);
}

async function loop(until: () => boolean, step: () => Promise<unknown>): Promise<void> {
  while (!until()) {
    await step();
    // a failing route answers at once; do not spin on it
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function syncAdd(target: LedgerTarget, worker: number, startedAt: number) {
  const ledgerId = randomUUID();
  // a new user every 10 s keeps each under the 1,000 memories one OSS list returns
  const userId = `sync-${worker}-${Math.floor((Date.now() - startedAt) / 10_000)}`;
  const answer = await call(
    target.nextGateway(),
    '/memories',
    { 'x-api-key': target.adminKey },
    {
      messages: [{ role: 'user', content: `Ledger note ${ledgerId}` }],
      user_id: userId,
      infer: false,
      metadata: { ledger: ledgerId },
    },
  );
  const results = (answer.body as { results?: { id: string }[] } | undefined)?.results ?? [];
  return entry('sync add', userId, startedAt, answer, {
    ledgerId,
    memoryIds: answer.status === 200 ? results.map((result) => result.id) : undefined,
  });
}

async function asyncAdd(target: LedgerTarget, startedAt: number) {
  const ledgerId = randomUUID();
  const userId = `async-${ledgerId}`;
  const food = FOODS[Math.floor(Math.random() * FOODS.length)];
  const answer = await call(
    target.nextGateway(),
    '/v3/memories/add/',
    { authorization: `Token ${target.projectKey}` },
    {
      messages: [{ role: 'user', content: `I love ${food} food` }],
      user_id: userId,
      metadata: { ledger: ledgerId },
    },
  );
  const eventId = (answer.body as { event_id?: string } | undefined)?.event_id;
  return entry('async add', userId, startedAt, answer, { ledgerId, eventId });
}

async function search(target: LedgerTarget, worker: number, startedAt: number) {
  const userId = `sync-${worker}-0`;
  const answer = await call(
    target.nextGateway(),
    '/search',
    { 'x-api-key': target.adminKey },
    {
      query: 'ledger note',
      filters: { user_id: userId },
    },
  );
  return entry('search', userId, startedAt, answer, {});
}

interface Answer {
  status: number;
  body: unknown;
  started: number;
  ms: number;
  hung: boolean;
}

async function call(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<Answer> {
  const started = Date.now();
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(CLIENT_DEADLINE_MS),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return {
      status: response.status,
      body: parsed,
      started,
      ms: Date.now() - started,
      hung: false,
    };
  } catch (error) {
    const hung = (error as Error).name === 'TimeoutError';
    return { status: 0, body: undefined, started, ms: Date.now() - started, hung };
  }
}

function entry(
  route: LedgerEntry['route'],
  userId: string,
  startedAt: number,
  answer: Answer,
  extra: Partial<LedgerEntry>,
): LedgerEntry {
  return {
    route,
    userId,
    status: answer.status,
    at: answer.started - startedAt,
    ms: answer.ms,
    hung: answer.hung,
    ...extra,
  };
}
