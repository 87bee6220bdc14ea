// The cold-scope benchmark: `npx tsx load-tests/cold-scope.ts [--memories 100000] [--label after]`.
// What an instance that has just started (or joined) goes through when a tenant with a large scope
// starts searching it: the vector-store reads the scope and builds its HNSW graph, answering that
// scope exactly meanwhile. Project "big" (one user, `--memories` seeded straight into the table)
// searches from cold at `--big-rps` while project "quiet" searches 200 memories at `--quiet-rps`;
// reports the quiet tenant's latency alone and during the warm-up, the big tenant's answers, how
// long until the graph served, and the vector-store's event-loop delay.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FakeOpenAiServer } from '@mnemo/testing';
import { bulkSeedMemories } from './runner/bulk-seeder';
import { scrapeEventLoopLag } from './runner/event-loop-lag';
import { scrapeIndexGauges } from './runner/index-gauges';
import { singleInstanceStack, startIsolatedStack } from './runner/isolated-stack';
import { describeMachine } from './runner/machine';
import {
  createTenant,
  describeStream,
  quietStream,
  searchQueries,
  seedScope,
  tuningEnv,
} from './runner/noisy-tenant';
import { searchAtRateInProcess } from './runner/rate-stream.process';
import { writeLabelledReport } from './runner/report';
import { loadCorpus, Workload } from './runner/workload';

const WORKSPACE_ROOT = join(__dirname, '..');
const ADMIN_KEY = 'cold-scope-bench-admin-key';

const { values: args } = parseArgs({
  options: {
    memories: { type: 'string', default: '100000' },
    'quiet-memories': { type: 'string', default: '200' },
    'big-rps': { type: 'string', default: '20' },
    'quiet-rps': { type: 'string', default: '20' },
    /** the quiet tenant alone, then both from the big scope's first search */
    'alone-seconds': { type: 'string', default: '20' },
    'cold-seconds': { type: 'string', default: '60' },
    /** local (GloVe, 100-d) or fake-openai (1536-d from a fake OpenAI-compatible server here);
     * give a 1536-d run a budget its scope fits in, e.g. MNEMO_INDEX_MEMORY_MB=2048 */
    embedder: { type: 'string', default: 'local' },
    label: { type: 'string', default: 'run' },
    out: { type: 'string', default: join(WORKSPACE_ROOT, 'load-tests', 'reports') },
  },
});

function log(line: string): void {
  process.stdout.write(`[cold-scope] ${line}\n`);
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg();
  const fake = args.embedder === 'fake-openai' ? await FakeOpenAiServer.start() : undefined;
  const stack = await startIsolatedStack({
    ...singleInstanceStack(WORKSPACE_ROOT),
    serviceEnv: {
      ...tuningEnv(),
      MNEMO_ADMIN_API_KEY: ADMIN_KEY,
      MNEMO_RATE_LIMIT_PER_MINUTE: '1000000',
    },
    providerEnv: fake && {
      MNEMO_EMBEDDER_PROVIDER: 'openai',
      OPENAI_API_KEY: 'bench',
      OPENAI_BASE_URL: fake.baseURL,
    },
    keepData: false,
    log,
  });
  try {
    const corpus = loadCorpus();
    const queries = searchQueries(corpus);
    // The big project is seeded first: the seeder finds its project id as the table's only one.
    const big = { ...(await createTenant(stack.baseUrl, ADMIN_KEY, 'big')) };
    big.userId = Workload.scopeUser(0);
    const memories = Number(args.memories);
    const seeded = await bulkSeedMemories({
      baseUrl: stack.baseUrl,
      natsUrl: stack.natsUrl,
      vectorStoreMysqlUrl: stack.vectorStoreMysqlUrl,
      plan: { memories, scopes: 1, messagesPerRequest: 1, concurrency: 1, timeoutSeconds: 900 },
      workload: new Workload(corpus, 1, 7),
      // A 1536-d answer of 256 texts would pass NATS's 1 MB limit.
      embedBatch: fake ? 32 : 256,
      headers: { 'x-api-key': big.apiKey },
      log,
    });
    const quiet = await createTenant(stack.baseUrl, ADMIN_KEY, 'quiet');
    await seedScope(stack.baseUrl, quiet, corpus, Number(args['quiet-memories']), log);
    log(`seeded big ${seeded.memories} in ${seeded.seconds.toFixed(0)} s; quiet alone`);
    const quietSearches = quietStream(stack.baseUrl, stack.metricsEndpoints, {
      tenant: quiet,
      queries,
      rps: Number(args['quiet-rps']),
    });
    const { alone, lag: lagAlone } = await quietSearches.alone(Number(args['alone-seconds']));
    log('the big tenant starts searching its cold scope');
    const coldSeconds = Number(args['cold-seconds']);
    const started = performance.now();
    const graphReady = waitForGraph(stack.metricsEndpoints, started, coldSeconds + 300);
    const bigRps = Number(args['big-rps']);
    const [quietCold, bigCold] = await Promise.all([
      quietSearches.run(coldSeconds),
      // Its own process, so its generator does not delay the quiet stream's clock; enough
      // connections to keep sending at its rate while every answer takes 10 s.
      searchAtRateInProcess({
        baseUrl: stack.baseUrl,
        tenant: big,
        queries,
        rps: bigRps,
        connections: bigRps * 10,
        seconds: coldSeconds,
      }),
    ]);
    const lagCold = await scrapeEventLoopLag(stack.metricsEndpoints);
    const graphSeconds = await graphReady;
    const report = {
      label: args.label,
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: describeMachine(),
      loadAverage: { before: loadBefore, after: loadavg() },
      embedder: args.embedder,
      serviceEnv: tuningEnv(),
      seeded: { big: seeded.memories, quiet: Number(args['quiet-memories']) },
      quietAlone: alone,
      quietDuringWarmUp: quietCold,
      bigFromCold: bigCold,
      graphServingAfterSeconds: graphSeconds,
      eventLoopLag: { alone: lagAlone, duringWarmUp: lagCold },
    };
    const path = await writeLabelledReport(args.out, 'cold-scope', report);
    log(describeStream('quiet alone', alone));
    log(describeStream('quiet during the warm-up', quietCold));
    log(describeStream('big from cold', bigCold));
    log(
      `graph serving after ${graphSeconds === undefined ? '(not within the wait)' : `${graphSeconds.toFixed(1)} s`}`,
    );
    for (const lag of lagCold) log(`event-loop delay during the warm-up: ${JSON.stringify(lag)}`);
    log(`report: ${path}`);
  } finally {
    await stack.stop();
    await fake?.stop();
  }
}

/** Seconds from `started` until a vector-store reports an HNSW scope; undefined past `limit`. */
async function waitForGraph(
  endpoints: Parameters<typeof scrapeIndexGauges>[0],
  started: number,
  limit: number,
): Promise<number | undefined> {
  while ((performance.now() - started) / 1000 < limit) {
    const gauges = await scrapeIndexGauges(endpoints).catch(() => []);
    if (gauges.some((g) => (g.annScopes ?? 0) > 0)) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return undefined;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[cold-scope] ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
