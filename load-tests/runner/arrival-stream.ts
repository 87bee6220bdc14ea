// An open-model load: requests start at a fixed rate whatever the answers do (k6's
// constant-arrival-rate), evenly spaced, from a process of its own. autocannon's `overallRate`
// starts every connection's requests on the same timer tick, so 64 connections at 400/s send
// bursts of 64 at once and measure the queue the burst makes; and in the runner's process the
// fake LLM server's work would delay the stream's own timing.
import { Agent, request } from 'node:http';
import type { AddStreamResult } from './add-load';
import { LatencyRecorder } from './latency-recorder';
import { runInChildProcess } from './rate-stream.process';

export interface ArrivalStreamOptions {
  baseUrl: string;
  path: string;
  headers: Record<string, string>;
  /** requests started per second */
  rate: number;
  seconds: number;
  /** requests in flight at most; an arrival finding them all busy is dropped and counted */
  maxInFlight: number;
  /** JSON body with `{n}` (the request's number from `firstNumber`) and `{user}` (n mod users) */
  bodyTemplate: string;
  users: number;
  firstNumber: number;
}

export interface ArrivalStreamResult extends AddStreamResult {
  dropped: number;
}

/** Runs the stream in a child process (node with tsx) and returns its result. */
export function runArrivalStream(options: ArrivalStreamOptions): Promise<ArrivalStreamResult> {
  return runInChildProcess<ArrivalStreamResult>(__filename, options, 'arrival stream');
}

/** The body of request number `n`. */
export function bodyOf(options: Pick<ArrivalStreamOptions, 'bodyTemplate' | 'users'>, n: number) {
  return options.bodyTemplate
    .replaceAll('{n}', String(n))
    .replaceAll('{user}', String(n % options.users));
}

/** How many arrivals are due by `elapsedMs` after the start, past the `next` already started. */
export function dueArrivals(rate: number, next: number, elapsedMs: number, total: number): number {
  const due = Math.min(total, Math.floor((elapsedMs * rate) / 1000) + 1);
  return Math.max(0, due - next);
}

async function arrivalStream(options: ArrivalStreamOptions): Promise<ArrivalStreamResult> {
  const url = new URL(options.path, options.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxInFlight });
  const recorder = new LatencyRecorder();
  const statusCodes: Record<string, number> = {};
  const total = Math.round(options.rate * options.seconds);
  let sent = 0;
  let inFlight = 0;
  let dropped = 0;
  let errors = 0;
  let ok = 0;
  const startedAt = Date.now();
  const started = performance.now();
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const settle = () => {
    inFlight -= 1;
    if (sent >= total && inFlight === 0) finish();
  };
  const send = (n: number) => {
    const body = bodyOf(options, n);
    const begun = performance.now();
    inFlight += 1;
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...options.headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const code = String(res.statusCode);
          statusCodes[code] = (statusCodes[code] ?? 0) + 1;
          if (res.statusCode === 200) {
            ok += 1;
            recorder.record(performance.now() - begun);
          }
          settle();
        });
      },
    );
    req.on('error', () => {
      errors += 1;
      settle();
    });
    req.end(body);
  };
  const tick = () => {
    const count = dueArrivals(options.rate, sent, performance.now() - started, total);
    for (let i = 0; i < count; i++) {
      if (inFlight >= options.maxInFlight) dropped += 1;
      else send(options.firstNumber + sent);
      sent += 1;
    }
    if (sent < total) {
      const nextAt = started + (sent * 1000) / options.rate;
      setTimeout(tick, Math.max(0, nextAt - performance.now()));
    } else if (inFlight === 0) finish();
  };
  tick();
  await finished;
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  return {
    connections: options.maxInFlight,
    seconds: options.seconds,
    requests: sent - dropped,
    ok,
    okPerSecond: ok / options.seconds,
    latency: recorder.summary(),
    statusCodes,
    errors,
    startedAt,
    finishedAt: startedAt + Math.round(seconds * 1000),
    dropped,
  };
}

if (require.main === module) {
  const options = JSON.parse(process.argv[2] ?? '{}') as ArrivalStreamOptions;
  arrivalStream(options).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
