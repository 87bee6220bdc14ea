// The add benchmark: `npx tsx load-tests/add-pipeline.ts --label after [--duration 20]`.
// Starts an isolated Mnemo whose LLM and embedder are the fake OpenAI-compatible server (in this
// process), then measures verbatim writes (OSS `infer: false`) at concurrency 8 and 64, synchronous
// inferred OSS adds at concurrency 64 and asynchronous Platform v3 adds over a 60 s window, with
// the fake's chat answering in 200 ms and its embeddings in 20 ms. Each run is kept as
// reports/add-pipeline-<label>.json; the markdown report (reports/add-pipeline.md) shows every run
// kept.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FakeOpenAiServer } from '@mnemo/testing';
import { BenchLlm } from './runner/add-fake-llm';
import { parseInstances } from './runner/bench-options';
import { completedAdds, runAddStream, type AddStreamOptions } from './runner/add-load';
import { runArrivalStream, type ArrivalStreamOptions } from './runner/arrival-stream';
import { renderReport, type AddPipelineRun, type AddScenarioResult } from './runner/add-report';
import {
  singleInstanceStack,
  startIsolatedStack,
  type IsolatedStack,
} from './runner/isolated-stack';
import { describeMachine } from './runner/machine';
import { createTenant, type Tenant } from './runner/noisy-tenant';
import { ResourceSampler } from './runner/resource-sampler';

const WORKSPACE_ROOT = join(__dirname, '..');
const ADMIN_KEY = 'add-pipeline-bench-admin-key';
const USERS = 200;
const { values: args } = parseArgs({
  options: {
    label: { type: 'string', default: 'run' },
    duration: { type: 'string', default: '20' },
    'async-window': { type: 'string', default: '60' },
    'async-rate': { type: 'string', default: '400' },
    'llm-latency': { type: 'string', default: '200' },
    /** the embedding API's answer time while the LLM's is llm-latency (a hosted one: tens of ms) */
    'embedding-latency': { type: 'string', default: '20' },
    scenarios: { type: 'string' },
    /** e.g. extractor=2 (default one of each), as load-tests/run.ts takes it */
    instances: { type: 'string' },
    /** keeps the stack's data and logs (printed at the end) */
    keep: { type: 'boolean', default: false },
    /** only writes the markdown again from the runs kept */
    render: { type: 'boolean', default: false },
    out: { type: 'string', default: join(WORKSPACE_ROOT, 'load-tests', 'reports') },
  },
});

interface Scenario {
  name: string;
  description: string;
  llmLatencyMs: number;
  /** closed model: a fixed number of connections, each sending when answered */
  stream?: (tenant: Tenant) => Omit<AddStreamOptions, 'baseUrl'>;
  /** open model: requests started at a fixed rate (the async adds), from a process of its own */
  arrivals?: (tenant: Tenant) => Omit<ArrivalStreamOptions, 'baseUrl'>;
  async?: boolean;
}

let sequence = 0;
const nextUser = () => `u${sequence % USERS}`;
const verbatim = (tenant: Tenant, connections: number): Omit<AddStreamOptions, 'baseUrl'> => ({
  path: '/memories',
  headers: { 'x-api-key': tenant.apiKey },
  connections,
  seconds: Number(args.duration),
  body: () => {
    sequence += 1;
    const content = `Bench note ${sequence}: prefers window seats and green tea`;
    return { messages: [{ role: 'user', content }], user_id: nextUser(), infer: false };
  },
});
const inferred = () => () => {
  sequence += 1;
  const user = nextUser();
  const content = `I really like bench item ${user} n${sequence}, it is great.`;
  return { messages: [{ role: 'user', content }], user_id: user };
};

const llmLatency = Number(args['llm-latency']);
const SCENARIOS: Scenario[] = [
  {
    name: 'verbatim-c1',
    description: `OSS POST /memories, infer:false, one message per request, ${USERS} users, one connection: a single write's own latency.`,
    llmLatencyMs: 0,
    stream: (tenant) => verbatim(tenant, 1),
  },
  {
    name: 'verbatim-c8',
    description: `OSS POST /memories, infer:false, one message per request, ${USERS} users, 8 connections.`,
    llmLatencyMs: 0,
    stream: (tenant) => verbatim(tenant, 8),
  },
  {
    name: 'verbatim-c64',
    description: `the same at 64 connections.`,
    llmLatencyMs: 0,
    stream: (tenant) => verbatim(tenant, 64),
  },
  {
    name: 'infer-sync-c64',
    description: `OSS POST /memories (infer, synchronous), one new fact per add, ${USERS} users, 64 connections.`,
    llmLatencyMs: llmLatency,
    stream: (tenant) => ({
      path: '/memories',
      headers: { 'x-api-key': tenant.apiKey },
      connections: 64,
      seconds: Number(args.duration),
      body: inferred(),
    }),
  },
  {
    name: 'infer-async-v3',
    description: `Platform POST /v3/memories/add/ (async default) started at ${args['async-rate']}/s, evenly spaced, for ${args['async-window']} s from a process of its own (at most 64 in flight), ${USERS} users; completed = events SUCCEEDED inside the window (server timestamps).`,
    llmLatencyMs: llmLatency,
    async: true,
    arrivals: (tenant) => {
      const rate = Number(args['async-rate']);
      const seconds = Number(args['async-window']);
      const firstNumber = sequence + 1;
      sequence += Math.round(rate * seconds);
      return {
        path: '/v3/memories/add/',
        headers: { authorization: `Token ${tenant.apiKey}` },
        rate,
        seconds,
        maxInFlight: 64,
        users: USERS,
        firstNumber,
        // The text `inferred` sends, with the bench model's item pattern.
        bodyTemplate: JSON.stringify({
          messages: [
            { role: 'user', content: 'I really like bench item u{user} n{n}, it is great.' },
          ],
          user_id: 'u{user}',
        }),
      };
    },
  },
];

function log(line: string): void {
  process.stdout.write(`[add-pipeline] ${line}\n`);
}

async function main(): Promise<void> {
  if (args.render) return save(undefined);
  const wanted = args.scenarios?.split(',');
  const scenarios = SCENARIOS.filter((s) => !wanted || wanted.includes(s.name));
  const instances = parseInstances(args.instances);
  // the add streams load stack.baseUrl: a second gateway would stand idle
  if (instances.gateway > 1) throw new Error('--instances: add-pipeline drives one gateway');
  const fake = await FakeOpenAiServer.start();
  const llm = new BenchLlm(fake);
  const stack = await startIsolatedStack({
    ...singleInstanceStack(WORKSPACE_ROOT),
    instances,
    serviceEnv: { MNEMO_ADMIN_API_KEY: ADMIN_KEY, MNEMO_RATE_LIMIT_PER_MINUTE: '100000000' },
    providerEnv: {
      MNEMO_LLM_PROVIDER: 'openai',
      MNEMO_EMBEDDER_PROVIDER: 'openai',
      OPENAI_API_KEY: 'bench',
      OPENAI_BASE_URL: fake.baseURL,
    },
    keepData: args.keep,
    log,
  });
  try {
    const run: AddPipelineRun = {
      label: args.label,
      commit: gitCommit(),
      startedAt: new Date().toISOString(),
      machine: describeMachine(),
      scenarios: [],
    };
    const sampler = new ResourceSampler(stack.processes);
    sampler.start();
    for (const scenario of scenarios)
      run.scenarios.push(await measure(stack, llm, sampler, scenario));
    sampler.stop();
    await save(run);
  } finally {
    await stack.stop();
    await fake.stop();
  }
}

async function measure(
  stack: IsolatedStack,
  llm: BenchLlm,
  sampler: ResourceSampler,
  scenario: Scenario,
): Promise<AddScenarioResult> {
  const tenant = await createTenant(stack.baseUrl, ADMIN_KEY, `bench-${scenario.name}`);
  const embeddingLatencyMs =
    scenario.llmLatencyMs > 0 ? Number(args['embedding-latency']) : scenario.llmLatencyMs;
  llm.reset(scenario.llmLatencyMs, embeddingLatencyMs);
  log(`${scenario.name}: running`);
  const before = loadavg();
  await sampler.beginWindow();
  const stream = scenario.arrivals
    ? await runArrivalStream({ baseUrl: stack.baseUrl, ...scenario.arrivals(tenant) })
    : await runAddStream({ baseUrl: stack.baseUrl, ...scenario.stream!(tenant) });
  const usage = await sampler.endWindow();
  const calls = llm.calls();
  const after = loadavg();
  const completions = scenario.async
    ? await completedAdds(stack.baseUrl, tenant.apiKey, stream)
    : undefined;
  const adds = completions?.completed ?? stream.ok;
  log(
    `${scenario.name}: ${stream.okPerSecond.toFixed(1)} ok/s, p50 ${Math.round(stream.latency.p50Ms)} ms` +
      (completions ? `, ${completions.perSecond.toFixed(1)} completed/s` : ''),
  );
  return {
    name: scenario.name,
    description: scenario.description,
    llmLatencyMs: scenario.llmLatencyMs,
    embeddingLatencyMs,
    stream,
    completions,
    adds,
    calls,
    usage,
    loadAverage: { before, after },
  };
}

async function save(run: AddPipelineRun | undefined): Promise<void> {
  await mkdir(args.out, { recursive: true });
  if (run) {
    const file = join(args.out, `add-pipeline-${run.label}.json`);
    await writeFile(file, `${JSON.stringify(run, null, 2)}\n`);
  }
  const runs: AddPipelineRun[] = [];
  for (const label of ['before', 'after']) {
    const file = join(args.out, `add-pipeline-${label}.json`);
    if (existsSync(file)) runs.push(JSON.parse(await readFile(file, 'utf8')) as AddPipelineRun);
  }
  if (run && !runs.some((r) => r.label === run.label)) runs.push(run);
  const markdown = renderReport(runs);
  await writeFile(join(args.out, 'add-pipeline.md'), markdown);
  process.stdout.write(`\n${markdown}\n`);
  log(`report: ${join(args.out, 'add-pipeline.md')}`);
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: WORKSPACE_ROOT })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `[add-pipeline] ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
