import { join } from 'node:path';
import { runCommand } from '@mnemo/devstack';
import { say } from './console-output';
import { interruptSignal } from './shutdown-signals';
import type { CliConfig } from './cli-config';

/** Converts the local GloVe model into its cache once (about 10 s the first time). */
export async function prepareModel(config: CliConfig): Promise<void> {
  // Loaded on use so that `stack` does not pull in the provider code.
  const { prepareGloveModel } = await import('@mnemo/providers');
  await prepareGloveModel({ cacheDir: config.modelDir, log: (line) => say(`model: ${line}`) });
}

/** `nx run-many -t <target>` over every project, output streamed. */
/**
 * Lint in one process: one TypeScript program shared by every file is several times faster than a
 * type-checked ESLint per project. Runs after an nx command, so the project graph the boundary rule
 * reads is cached.
 */
export async function runLint(config: CliConfig): Promise<void> {
  const eslint = join(config.workspaceRoot, 'node_modules', '.bin', 'eslint');
  await runCommand(eslint, ['.', '--max-warnings=0'], {
    cwd: config.workspaceRoot,
    env: { ...config.env, NX_DAEMON: 'false' },
    abortSignal: interruptSignal,
  });
}

/**
 * One type-check of the whole workspace (`tsconfig.json`: apps, libs, specs, tools, load tests):
 * jest compiles specs without checking types and each app's build sees only its own files.
 */
export async function runTypeCheck(config: CliConfig): Promise<void> {
  const tsc = join(config.workspaceRoot, 'node_modules', '.bin', 'tsc');
  await runCommand(tsc, ['-p', 'tsconfig.json', '--noEmit'], {
    cwd: config.workspaceRoot,
    env: config.env,
    abortSignal: interruptSignal,
  });
}

export async function runNx(
  config: CliConfig,
  target: string,
  extra: string[] = [],
): Promise<void> {
  const nx = join(config.workspaceRoot, 'node_modules', '.bin', 'nx');
  await runCommand(nx, ['run-many', '-t', target, '--outputStyle=static', ...extra], {
    cwd: config.workspaceRoot,
    env: { ...config.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    abortSignal: interruptSignal,
  });
}
