import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureServers,
  findOrInstallChromium,
  freePort,
  projectLines,
  readJestCounts,
  redactedUrl,
  runTool,
  summaryLine,
  type RunningServers,
} from '@mnemo/devstack';
import { prepareModel, runLint, runNx, runTypeCheck } from './build-steps';
import type { CliConfig } from './cli-config';
import { complain, say, step, StepError } from './console-output';
import { interruptSignal, isShuttingDown, onShutdownSignal } from './shutdown-signals';

interface TestArgs {
  lint: boolean;
  keepData: boolean;
  jestArgs: string[];
}

export function parseTestArgs(args: string[]): TestArgs {
  const ours = new Set(['--no-lint', '--keep-data']);
  return {
    lint: !args.includes('--no-lint'),
    keepData: args.includes('--keep-data'),
    jestArgs: args.filter((arg) => !ours.has(arg) && arg !== '--'),
  };
}

/**
 * `npm test`: a throwaway MariaDB and NATS on free ports, the model, a build, lint, a type-check,
 * then jest over every project. Build, lint and type-check failures do not stop jest, but fail
 * the run.
 */
export async function testCommand(config: CliConfig, args: string[]): Promise<number> {
  const options = parseTestArgs(args);
  const dataDir = await mkdtemp(join(tmpdir(), 'mnemo-test-'));
  let servers: RunningServers | undefined;
  const teardown = async () => {
    await servers?.stop();
    if (!options.keepData) await rm(dataDir, { recursive: true, force: true });
  };
  // An interrupted test run has not passed.
  onShutdownSignal(teardown, 130);
  const failedSteps: string[] = [];
  try {
    servers = await startTestStack(config, dataDir);
    // After the servers: one apt-get at a time. No browser fails the run; the tests never skip.
    const chromium = await step('Finding chromium for the browser tests', () =>
      findOrInstallChromium({ pathEnv: config.pathEnv, log: say }),
    );
    await optionalStep('Building', () => runNx(config, 'build'), failedSteps);
    if (options.lint) await optionalStep('Linting', () => runLint(config), failedSteps);
    if (options.lint) await optionalStep('Type-checking', () => runTypeCheck(config), failedSteps);
    const jestCode = await runJest(config, { servers, chromium, dataDir }, options.jestArgs);
    if (isShuttingDown()) return 130;
    if (failedSteps.length > 0) complain(`failed steps: ${failedSteps.join(', ')}`);
    const counts = await readJestCounts(join(dataDir, 'jest-results.json')).catch(() => undefined);
    if (!counts) complain('jest wrote no results');
    if (counts)
      process.stdout.write(`${[...projectLines(counts), summaryLine(counts)].join('\n')}\n`);
    return jestCode !== 0 ? jestCode : failedSteps.length > 0 || !counts ? 1 : 0;
  } finally {
    await teardown();
    if (options.keepData) say(`test data kept in ${dataDir}`);
  }
}

async function startTestStack(config: CliConfig, dataDir: string): Promise<RunningServers> {
  const [mysqlPort, natsPort] = await Promise.all([freePort(), freePort()]);
  const [servers] = await Promise.all([
    step('Starting a throwaway MariaDB and NATS', () =>
      ensureServers({
        dataDir,
        mysqlPort,
        natsPort,
        pathEnv: config.pathEnv,
        durability: 'relaxed',
        log: say,
      }),
    ),
    step('Preparing the local embedding model', () => prepareModel(config)),
  ]);
  say(`MariaDB ${redactedUrl(servers.mysqlUrl)}, NATS ${servers.natsUrl}, data in ${dataDir}`);
  return servers;
}

async function optionalStep(name: string, work: () => Promise<void>, failed: string[]) {
  try {
    await step(name, work);
  } catch (error) {
    complain(error instanceof StepError ? error.message : String(error));
    failed.push(name.toLowerCase());
  }
}

interface JestStack {
  servers: RunningServers;
  /** the browser the console's tests drive */
  chromium: string;
  dataDir: string;
}

function runJest(
  config: CliConfig,
  { servers, chromium, dataDir }: JestStack,
  jestArgs: string[],
): Promise<number> {
  const jest = join(config.workspaceRoot, 'node_modules', '.bin', 'jest');
  const args = [
    '--ci',
    '--json',
    `--outputFile=${join(dataDir, 'jest-results.json')}`,
    ...jestArgs,
  ];
  say(`jest ${args.join(' ')}`);
  const env = {
    ...config.env,
    MNEMO_MYSQL_URL: servers.mysqlUrl,
    MNEMO_NATS_URL: servers.natsUrl,
    MNEMO_MODEL_DIR: config.modelDir,
    MNEMO_TEST_DATA_DIR: dataDir,
    MNEMO_CHROMIUM_PATH: chromium,
  };
  // With --outputFile, jest's --json goes to the file, not to our stdout.
  return runTool(jest, args, {
    cwd: config.workspaceRoot,
    env,
    output: 'inherit',
    abortSignal: interruptSignal,
  });
}
