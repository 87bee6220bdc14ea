// The local load test: `npx tsx load-tests/run.ts [--duration 5]` or `npm run bench`. Starts an
// isolated Mnemo on loopback, seeds it, runs the scenarios of runner/scenarios.ts with autocannon
// and writes load-tests/reports/<timestamp>.md and .json. What runs and the targets: scenarios.ts.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { FakeOpenAiServer } from '@mnemo/testing';
import { bulkSeedMemories } from './runner/bulk-seeder';
import { BENCH_USAGE, parseBenchOptions, type BenchOptions } from './runner/bench-options';
import type { ScenarioPlan } from './runner/bench-plan.types';
import { startIsolatedStack, type IsolatedStack } from './runner/isolated-stack';
import { scrapeIndexGauges } from './runner/index-gauges';
import { primeIndex } from './runner/index-primer';
import { describeMachine } from './runner/machine';
import { renderMarkdown, writeReport, type BenchReport } from './runner/report';
import { ResourceSampler } from './runner/resource-sampler';
import { runScenario } from './runner/scenario-runner';
import { SCENARIOS, SEED, TARGETS } from './runner/scenarios';
import { seedMemories } from './runner/seeder';
import { checkTargets } from './runner/targets';
import { loadCorpus, Workload } from './runner/workload';

const WORKSPACE_ROOT = join(__dirname, '..');

function log(line: string): void {
  process.stdout.write(`[bench] ${line}\n`);
}

async function main(argv: string[]): Promise<number> {
  const options = parseBenchOptions(argv, process.env, WORKSPACE_ROOT);
  if (options.help) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  const scenarios = selectScenarios(options.scenarios, options.connections);
  if (!(await ResourceSampler.isSupported())) log('no /proc here: RSS and CPU are not measured');
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg()[0];
  if (loadBefore > cpus().length) log(`load average ${loadBefore.toFixed(1)}: other work is busy`);
  // 1536-d vectors from an OpenAI-compatible server in this process, as the runs used.
  const fake = options.embedder === 'fake-openai' ? await FakeOpenAiServer.start() : undefined;
  const providerEnv = fake
    ? { MNEMO_EMBEDDER_PROVIDER: 'openai', OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: fake.baseURL }
    : undefined;
  const stack = await startIsolatedStack({
    workspaceRoot: WORKSPACE_ROOT,
    mysqlUrl: options.mysqlUrl,
    modelDir: options.modelDir,
    logLevel: options.logLevel,
    instances: options.instances,
    serviceEnv: options.serviceEnv,
    pathEnv: options.pathEnv,
    keepData: options.keepData,
    providerEnv,
    log,
  });
  stopOnSignal(stack);
  try {
    const report = await measure(stack, scenarios, options, startedAt, loadBefore);
    const paths = await writeReport(report, options.outDir);
    process.stdout.write(`\n${renderMarkdown(report)}\n`);
    log(`report: ${paths.markdown}`);
    log(`        ${paths.json}`);
    const failed = report.targets.filter((target) => target.pass === false);
    if (failed.length > 0) log(`${failed.length} target(s) failed`);
    return options.failOnTarget && failed.length > 0 ? 1 : 0;
  } finally {
    log('stopping the stack');
    await stack.stop();
    await fake?.stop();
  }
}

async function measure(
  stack: IsolatedStack,
  scenarios: ScenarioPlan[],
  options: BenchOptions,
  startedAt: string,
  loadBefore: number,
): Promise<BenchReport> {
  const seedPlan = {
    ...SEED,
    memories: options.memories ?? SEED.memories,
    scopes: options.scopes ?? SEED.scopes,
  };
  const workload = new Workload(loadCorpus(), seedPlan.scopes);
  const sampler = new ResourceSampler(stack.processes);
  sampler.start();
  try {
    log(`seeding ${seedPlan.memories} memories in ${seedPlan.scopes} scopes (${options.seed})`);
    const seed =
      options.seed === 'direct'
        ? await bulkSeedMemories({
            baseUrl: stack.baseUrl,
            natsUrl: stack.natsUrl,
            vectorStoreMysqlUrl: stack.vectorStoreMysqlUrl,
            plan: seedPlan,
            workload,
            embedBatch: options.embedder === 'local' ? 256 : 32,
            log,
          })
        : await seedMemories({
            baseUrl: stack.baseUrl,
            plan: seedPlan,
            workload,
            headers: {},
            log,
          });
    const primeSeconds = await primeIndex({
      baseUrl: stack.baseUrl,
      metricsEndpoints: stack.metricsEndpoints,
      scopes: seedPlan.scopes,
      memories: seed.memories,
      annMinMemories: Number(options.serviceEnv.MNEMO_SEARCH_ANN_MIN_MEMORIES ?? 20_000),
      timeoutSeconds: 900,
      log,
    });
    const results = [];
    for (const scenario of scenarios) {
      results.push(
        await runScenario(scenario, {
          baseUrl: everyGateway(stack),
          workload,
          sampler,
          metricsEndpoints: stack.metricsEndpoints,
          durationSeconds: options.durationSeconds,
          warmupSeconds: options.warmupSeconds,
          log,
        }),
      );
    }
    const rssPeaks = sampler.peaks();
    const searchIndex = await scrapeIndexGauges(stack.metricsEndpoints);
    return {
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: describeMachine(),
      loadAverage: { before: loadBefore, after: loadavg()[0] },
      stack: {
        database: stack.database,
        instances: options.instances,
        logLevel: options.logLevel,
        embedder: options.embedder,
        seed: options.seed,
      },
      warmupSeconds: options.warmupSeconds,
      seed: { ...seed, primeSeconds },
      scenarios: results,
      rssPeaks,
      targets: checkTargets(TARGETS, results, rssPeaks),
      searchIndex,
    };
  } finally {
    sampler.stop();
  }
}

/** With several gateways, the load goes to all of them, as a balancer would send it. */
function everyGateway(stack: IsolatedStack): string | string[] {
  return stack.baseUrls.length === 1 ? stack.baseUrl : stack.baseUrls;
}

function selectScenarios(
  names: string[] | undefined,
  connections: number | undefined,
): ScenarioPlan[] {
  const unknown = (names ?? []).filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length > 0) {
    const known = SCENARIOS.map((s) => s.name).join(', ');
    throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${known}`);
  }
  const chosen = names ? SCENARIOS.filter((scenario) => names.includes(scenario.name)) : SCENARIOS;
  if (connections === undefined) return chosen;
  // Renamed, so the scenario's own targets (set for its connections) are not judged on this run.
  return chosen.map((scenario) => ({
    ...scenario,
    name: `${scenario.name}@c${connections}`,
    description: `${scenario.description}; every stream at ${connections} connections (--connections)`,
    streams: scenario.streams.map((stream) => ({ ...stream, connections })),
  }));
}

/** Ctrl-C stops the services and servers before exiting (a second one exits at once). */
function stopOnSignal(stack: IsolatedStack): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
      stopping = true;
      log(`${signal}: stopping the stack`);
      void stack.stop().finally(() => process.exit(130));
    });
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[bench] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
