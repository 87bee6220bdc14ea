import { setTimeout as delay } from 'node:timers/promises';
import { runningToolsExited } from '@mnemo/devstack';
import { complain, say } from './console-output';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
// Ctrl-C reaches us once from the terminal and again through npm and the bootstrap relaying it.
const ECHO_WINDOW_MS = 1500;

let shuttingDown = false;
const interruption = new AbortController();

/** Aborts on the first shutdown signal: pass it to every command we run in the foreground. */
export const interruptSignal = interruption.signal;

/** True once a signal asked us to stop: failures after that are the stop's own doing. */
export function isShuttingDown(): boolean {
  return shuttingDown;
}

/**
 * Calls `shutdown` on the first SIGINT/SIGTERM/SIGHUP, then exits with `exitCode`; a further
 * signal after the echo window forces the exit (the exit hook still kills our children).
 */
export function onShutdownSignal(
  shutdown: (signal: NodeJS.Signals) => Promise<void>,
  exitCode: number,
): void {
  let firstAt: number | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (firstAt === undefined) {
      firstAt = Date.now();
      shuttingDown = true;
      say(`${signal}: stopping (press Ctrl-C again to force)`);
      stopForeground()
        .then(() => shutdown(signal))
        .then(
          () => process.exit(exitCode),
          (error: unknown) => {
            complain(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
            process.exit(1);
          },
        );
      return;
    }
    if (Date.now() - firstAt < ECHO_WINDOW_MS) return;
    complain('forced exit');
    process.exit(130);
  };
  for (const signal of SIGNALS) process.on(signal, handler);
}

/** Ends the build, lint or jest run in progress first, so the servers outlive their users. */
async function stopForeground(): Promise<void> {
  interruption.abort();
  await Promise.race([runningToolsExited(), delay(15_000, undefined, { ref: false })]);
}
