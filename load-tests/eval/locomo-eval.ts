// `npm run eval [-- --label after]`: LoCoMo retrieval recall through the HTTP API of an isolated
// stack with the offline providers. Prints the table and writes load-tests/reports/eval-locomo.md.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SERVICE_NAMES, type ServiceName } from '@mnemo/devstack';
import { startIsolatedStack } from '../runner/isolated-stack';
import { LatencyRecorder } from '../runner/latency-recorder';
import { describeMachine } from '../runner/machine';
import { writeEvalReport, targetLines } from './eval-report';
import { LocomoEvalClient } from './locomo-client';
import { loadLocomo } from './locomo-dataset';
import { RECALL_DEPTHS, recallTable, renderRecallTable, type RetrievalOutcome } from './recall';

const WORKSPACE_ROOT = join(__dirname, '..', '..');

const { values: args } = parseArgs({
  options: {
    label: { type: 'string', default: 'run' },
    data: { type: 'string', default: join(WORKSPACE_ROOT, '..', 'shared', 'data', 'locomo-dev') },
    out: {
      type: 'string',
      default: join(WORKSPACE_ROOT, 'load-tests', 'reports', 'eval-locomo.md'),
    },
    concurrency: { type: 'string', default: '8' },
    'keep-data': { type: 'boolean', default: false },
  },
});

// Every service once: the gateway's health, which the stack waits for, asks each of them.
const INSTANCES = Object.fromEntries(SERVICE_NAMES.map((name) => [name, 1])) as Record<
  ServiceName,
  number
>;

function log(line: string): void {
  process.stdout.write(`[eval] ${line}\n`);
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const conversations = loadLocomo(args.data);
  const stack = await startIsolatedStack({
    workspaceRoot: WORKSPACE_ROOT,
    mysqlUrl: process.env.MNEMO_MYSQL_URL || undefined,
    modelDir: process.env.MNEMO_MODEL_DIR ?? join(WORKSPACE_ROOT, '.cache', 'models'),
    logLevel: 'info',
    instances: INSTANCES,
    serviceEnv: { ...tuningEnv(), MNEMO_RATE_LIMIT_PER_MINUTE: '0' },
    pathEnv: process.env.PATH ?? '',
    keepData: args['keep-data'],
    log,
  });
  try {
    const client = new LocomoEvalClient({
      baseUrl: stack.baseUrl,
      concurrency: Number(args.concurrency),
      topK: RECALL_DEPTHS[RECALL_DEPTHS.length - 1],
    });
    const outcomes: RetrievalOutcome[] = [];
    const latency = new LatencyRecorder();
    let [memories, addSeconds] = [0, 0];
    for (const conversation of conversations) {
      const run = await client.run(conversation, `locomo-${conversation.name}`);
      log(
        `${conversation.name}: ${run.added} memories in ${run.addSeconds.toFixed(1)} s, ` +
          `${run.outcomes.length} questions`,
      );
      outcomes.push(...run.outcomes);
      run.latencies.forEach((ms) => latency.record(ms));
      memories += run.added;
      addSeconds += run.addSeconds;
    }
    const rows = recallTable(outcomes);
    process.stdout.write(`\n${renderRecallTable(rows)}\n\n${targetLines(rows[0]).join('\n')}\n\n`);
    writeEvalReport(args.out, {
      label: args.label,
      startedAt,
      commit: currentCommit(),
      machine: describeMachine(),
      conversations: conversations.map((c) => c.name),
      turns: conversations.reduce((sum, c) => sum + c.turns.length, 0),
      memories,
      droppedQuestions: conversations.reduce((sum, c) => sum + c.withoutEvidence, 0),
      rows,
      addSeconds,
      searchLatency: latency.summary(),
    });
    log(`report: ${args.out}`);
  } finally {
    log('stopping the stack');
    await stack.stop();
  }
}

function currentCommit(): string {
  const git = (...argv: string[]) =>
    execFileSync('git', argv, { cwd: WORKSPACE_ROOT, encoding: 'utf8' }).trim();
  const changed = git('status', '--porcelain', '--untracked-files=no').length > 0;
  return `commit ${git('rev-parse', '--short', 'HEAD')}${changed ? ' with local changes' : ''}`;
}

// MNEMO_* tuning keys (fusion, weights) reach the services, so variants can be compared.
function tuningEnv(): Record<string, string> {
  const passed = Object.entries(process.env).filter(
    ([key]) => key.startsWith('MNEMO_') && !['MNEMO_MODEL_DIR', 'MNEMO_MYSQL_URL'].includes(key),
  );
  return Object.fromEntries(passed) as Record<string, string>;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
