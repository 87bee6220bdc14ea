import { spawn } from 'node:child_process';
import { childReaper, killGroup } from './child-reaper';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** 'inherit' streams the command's output to ours; 'ignore' keeps it quiet. */
  output?: 'inherit' | 'ignore';
  /** Aborting sends SIGTERM to the command's whole process group. */
  abortSignal?: AbortSignal;
}

const running = new Set<Promise<number>>();

/** Resolves once every command started by runTool has exited. */
export async function runningToolsExited(): Promise<void> {
  await Promise.allSettled([...running]);
}

/**
 * Runs a command to completion and resolves with its exit code (128 + n for a signal). It gets
 * its own process group, so a terminal's Ctrl-C reaches only us and we decide how it stops.
 */
export function runTool(
  command: string,
  args: string[],
  options: RunOptions = {},
): Promise<number> {
  const output = options.output ?? 'inherit';
  const done = new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', output, output],
      detached: true,
    });
    const abort = () => child.pid && killGroup(child.pid, 'SIGTERM');
    child.once('error', reject);
    child.once('spawn', () => {
      if (child.pid) childReaper.watch(child.pid);
      if (options.abortSignal?.aborted) abort();
      options.abortSignal?.addEventListener('abort', abort, { once: true });
    });
    child.once('exit', (code, signal) => {
      if (child.pid) childReaper.unwatch(child.pid);
      options.abortSignal?.removeEventListener('abort', abort);
      resolve(code ?? 128 + (signal ? signalNumber(signal) : 0));
    });
  });
  running.add(done);
  const forget = () => running.delete(done);
  done.then(forget, forget);
  return done;
}

/** Runs a command to completion; rejects with the command line when it exits non-zero. */
export async function runCommand(command: string, args: string[], options: RunOptions = {}) {
  const code = await runTool(command, args, options);
  if (code !== 0) throw new Error(`\`${[command, ...args].join(' ')}\` failed with code ${code}`);
}

function signalNumber(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return numbers[signal] ?? 1;
}
