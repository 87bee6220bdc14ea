// The noisy-tenant benchmark: `npx tsx load-tests/noisy-tenant.ts [--duration 60] [--label after]`.
// Project "noisy" searches a large scope at its rate limit while project "quiet" searches a small
// one; reports the quiet tenant's latency alone and under the noise, and the noisy tenant's answers.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { singleInstanceStack, startIsolatedStack } from './runner/isolated-stack';
import { scrapeEventLoopLag } from './runner/event-loop-lag';
import { describeMachine } from './runner/machine';
import { searchAtRateInProcess } from './runner/rate-stream.process';
import { writeLabelledReport } from './runner/report';
import {
  createTenant,
  describeStream,
  quietStream,
  searchQueries,
  seedScope,
  tuningEnv,
  type RateStreamResult,
} from './runner/noisy-tenant';
import { loadCorpus } from './runner/workload';

const WORKSPACE_ROOT = join(__dirname, '..');
const ADMIN_KEY = 'noisy-tenant-bench-admin-key';

const { values: args } = parseArgs({
  options: {
    // 60 s phases: 1,200 quiet answers each, so the p99 is not one or two stalls.
    duration: { type: 'string', default: '60' },
    'noisy-memories': { type: 'string', default: '5000' },
    'quiet-memories': { type: 'string', default: '200' },
    'noisy-rps': { type: 'string', default: '150' },
    'quiet-rps': { type: 'string', default: '20' },
    label: { type: 'string', default: 'run' },
    'keep-data': { type: 'boolean', default: false },
    out: { type: 'string', default: join(WORKSPACE_ROOT, 'load-tests', 'reports') },
  },
});
const seconds = Number(args.duration);
const noisyRps = Number(args['noisy-rps']);
const quietRps = Number(args['quiet-rps']);
// Enough connections to keep sending at the rate limit even while every answer takes 5 s.
const connections = Math.ceil(noisyRps * 5);

function log(line: string): void {
  process.stdout.write(`[noisy-tenant] ${line}\n`);
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg();
  const stack = await startIsolatedStack({
    ...singleInstanceStack(WORKSPACE_ROOT),
    // The noisy tenant's rate limit is exactly the rate it sends at.
    serviceEnv: {
      ...tuningEnv(),
      MNEMO_ADMIN_API_KEY: ADMIN_KEY,
      MNEMO_RATE_LIMIT_PER_MINUTE: String(noisyRps * 60),
    },
    keepData: args['keep-data'],
    log,
  });
  try {
    const corpus = loadCorpus();
    const queries = searchQueries(corpus);
    const noisy = await createTenant(stack.baseUrl, ADMIN_KEY, 'noisy');
    const quiet = await createTenant(stack.baseUrl, ADMIN_KEY, 'quiet');
    const seeded = {
      noisy: await seedScope(stack.baseUrl, noisy, corpus, Number(args['noisy-memories']), log),
      quiet: await seedScope(stack.baseUrl, quiet, corpus, Number(args['quiet-memories']), log),
    };
    log(`seeded ${JSON.stringify(seeded)}; warming up`);
    const baseUrl = stack.baseUrl;
    const quietSearches = quietStream(baseUrl, stack.metricsEndpoints, {
      tenant: quiet,
      queries,
      rps: quietRps,
    });
    log(`quiet alone for ${seconds} s`);
    const { alone, lag: lagAlone } = await quietSearches.alone(seconds);
    log(`quiet under the noisy tenant for ${seconds} s`);
    const [underNoise, noise] = await Promise.all([
      quietSearches.run(seconds),
      // Its own process, so its generator does not delay the quiet stream's clock.
      searchAtRateInProcess({
        baseUrl,
        tenant: noisy,
        queries,
        rps: noisyRps,
        connections,
        seconds,
      }),
    ]);
    // Which service's loop the quiet tenant waited on: each one's delay during the noisy phase.
    const lagUnderNoise = await scrapeEventLoopLag(stack.metricsEndpoints);
    const report = {
      label: args.label,
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: describeMachine(),
      loadAverage: { before: loadBefore, after: loadavg() },
      seeded,
      quietAlone: alone,
      quietUnderNoise: underNoise,
      noisy: noise,
      serviceEnv: tuningEnv(),
      quietP99Ratio: ratio(underNoise, alone),
      eventLoopLag: { alone: lagAlone, underNoise: lagUnderNoise },
    };
    const path = await writeLabelledReport(args.out, 'noisy-tenant', report);
    log(summary(report.quietAlone, report.quietUnderNoise, report.noisy));
    for (const lag of lagUnderNoise) log(`event-loop delay under noise: ${JSON.stringify(lag)}`);
    log(`report: ${path}`);
  } finally {
    await stack.stop();
  }
}

function ratio(under: RateStreamResult, alone: RateStreamResult): number {
  return alone.ok.p99Ms > 0 ? under.ok.p99Ms / alone.ok.p99Ms : Number.NaN;
}

function summary(
  alone: RateStreamResult,
  under: RateStreamResult,
  noisy: RateStreamResult,
): string {
  return [
    '',
    describeStream('quiet alone', alone),
    describeStream('quiet under noise', under),
    describeStream('noisy', noisy),
  ].join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `[noisy-tenant] ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
