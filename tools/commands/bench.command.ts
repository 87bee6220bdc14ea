import { join } from 'node:path';
import { runCommand } from '@mnemo/devstack';
import type { CliConfig } from './cli-config';
import { interruptSignal, onShutdownSignal } from './shutdown-signals';

/** `npm run bench`: the load-test runner in load-tests/. */
export async function benchCommand(config: CliConfig, args: string[]): Promise<number> {
  // The runner is stopped by the interrupt; nothing else of ours is running.
  onShutdownSignal(() => Promise.resolve(), 130);
  const tsx = join(config.workspaceRoot, 'node_modules', '.bin', 'tsx');
  await runCommand(tsx, [join(config.workspaceRoot, 'load-tests', 'run.ts'), ...args], {
    cwd: config.workspaceRoot,
    env: config.env,
    abortSignal: interruptSignal,
  });
  return 0;
}
