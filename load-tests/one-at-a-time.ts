/**
 * One request at a time: how long a single add or search takes when nothing else runs, and where
 * that time goes, read off the services' own trace spans.
 *
 *   npx tsx load-tests/one-at-a-time.ts --mode infer|verbatim|search|accept [--count 40]
 *     [--llm-latency 200] [--embedding-latency 20]
 *
 * Starts an isolated stack (one instance of each service) whose LLM and embedder are the fake
 * OpenAI-compatible server answering after the given latencies, with tracing on into an OTLP
 * receiver in this process. Sends `--count` requests one after another (100 ms apart; the first
 * quarter are warm-up and not counted) and prints the median latency and, per span name, the
 * median time each request spent in it. Searches run over the memories the verbatim adds wrote;
 * `accept` is the Platform's asynchronous add (`POST /v3/memories/add/`), answered once queued.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { FakeOpenAiServer, OtlpTraceReceiver, type ReceivedSpan } from '@mnemo/testing';
import { BenchLlm } from './runner/add-fake-llm';
import { singleInstanceStack, startIsolatedStack } from './runner/isolated-stack';
import { percentile } from './runner/latency-recorder';
import { createTenant, type Tenant } from './runner/noisy-tenant';

const WORKSPACE_ROOT = join(__dirname, '..');
const ADMIN_KEY = 'one-at-a-time-admin-key';
const USERS = 4;

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'infer' },
    count: { type: 'string', default: '40' },
    'llm-latency': { type: 'string', default: '200' },
    'embedding-latency': { type: 'string', default: '20' },
  },
});

type Mode = 'infer' | 'verbatim' | 'search' | 'accept';

interface Sent {
  ms: number;
  /** sent as the request's `traceparent`, so its spans are found by it */
  traceId: string;
}

async function main(): Promise<void> {
  const mode = args.mode as Mode;
  if (!['infer', 'verbatim', 'search', 'accept'].includes(mode)) throw new Error(`--mode ${mode}?`);
  const count = Number(args.count);
  const receiver = await OtlpTraceReceiver.start();
  const fake = await FakeOpenAiServer.start();
  const llm = new BenchLlm(fake);
  const stack = await startIsolatedStack({
    ...singleInstanceStack(WORKSPACE_ROOT),
    serviceEnv: {
      MNEMO_ADMIN_API_KEY: ADMIN_KEY,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    },
    providerEnv: {
      MNEMO_LLM_PROVIDER: 'openai',
      MNEMO_EMBEDDER_PROVIDER: 'openai',
      OPENAI_API_KEY: 'bench',
      OPENAI_BASE_URL: fake.baseURL,
    },
    keepData: false,
    log: () => undefined,
  });
  try {
    const tenant = await createTenant(stack.baseUrl, ADMIN_KEY, `one-${mode}`);
    llm.reset(Number(args['llm-latency']), Number(args['embedding-latency']));
    if (mode === 'search') await sendAll(stack.baseUrl, tenant, 'verbatim', count);
    const sent = await sendAll(stack.baseUrl, tenant, mode, count);
    await sleep(1500); // the last spans leave the services
    const counted = sent.slice(Math.floor(count / 4));
    const traces = counted.map((request) => receiver.trace(request.traceId));
    print(mode, counted, traces, llm);
  } finally {
    await stack.stop();
    await fake.stop();
    await receiver.stop();
  }
}

async function sendAll(baseUrl: string, tenant: Tenant, mode: Mode, count: number) {
  const sent: Sent[] = [];
  for (let n = 0; n < count; n += 1) {
    const [path, body] = requestFor(mode, n);
    const traceId = randomBytes(16).toString('hex');
    const started = performance.now();
    const response = await fetch(new URL(path, baseUrl), {
      method: 'POST',
      headers: {
        ...(mode === 'accept'
          ? { authorization: `Token ${tenant.apiKey}` }
          : { 'x-api-key': tenant.apiKey }),
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      },
      body: JSON.stringify(body),
    });
    await response.text();
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    sent.push({ ms: performance.now() - started, traceId });
    await sleep(100);
  }
  return sent;
}

/** The route and body of request `n` in this mode. */
function requestFor(mode: Mode, n: number): [string, object] {
  const user = `u${n % USERS}`;
  switch (mode) {
    case 'search':
      return ['/search', { query: `bench note about ${n}`, user_id: user }];
    case 'verbatim':
      return [
        '/memories',
        { messages: [{ role: 'user', content: `Bench note ${n}` }], user_id: user, infer: false },
      ];
    case 'accept':
    case 'infer': {
      const content = `I really like bench item ${user} n${n}, it is great.`;
      const inferred = { messages: [{ role: 'user', content }], user_id: user };
      return [mode === 'accept' ? '/v3/memories/add/' : '/memories', inferred];
    }
  }
}

function median(values: number[]): number {
  return percentile(Float64Array.from(values).sort(), 50);
}

function print(mode: Mode, sent: Sent[], traces: ReceivedSpan[][], llm: BenchLlm): void {
  const traced = traces.filter((spans) => spans.length > 0);
  // Per request, the time in each span name (a name it did not pass through counts as 0).
  const totals = traced.map((spans) => {
    const byName = new Map<string, number>();
    for (const span of spans) {
      const name = `${span.service}: ${span.name.replace(/^chat .*/, 'chat (LLM)')}`;
      byName.set(name, (byName.get(name) ?? 0) + span.durationMs);
    }
    return byName;
  });
  const names = new Set(totals.flatMap((byName) => [...byName.keys()]));
  const latencies = sent.map((request) => request.ms);
  console.log(`\n${mode}: ${sent.length} requests one at a time (after a warm-up quarter)`);
  console.log(
    `LLM ${args['llm-latency']} ms, embeddings ${args['embedding-latency']} ms; provider calls: ${JSON.stringify(llm.calls())}`,
  );
  console.log(
    `latency p50 ${median(latencies).toFixed(1)} ms, min ${Math.min(...latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms; traces read ${traced.length}\n`,
  );
  console.log('| span (service: name) | median ms per request |');
  console.log('|---|---|');
  const rows = [...names].map(
    (name) => [name, median(totals.map((byName) => byName.get(name) ?? 0))] as const,
  );
  for (const [name, ms] of rows.sort((a, b) => b[1] - a[1])) {
    console.log(`| ${name} | ${ms.toFixed(1)} |`);
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
