import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

// Runs in a detached watchdog: when our stdin closes (the parent exited, even by SIGKILL),
// every process group still listed gets SIGTERM, then SIGKILL after a grace period.
const WATCHDOG_SOURCE = `
const groups = new Set();
let pending = '';
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  let end;
  while ((end = pending.indexOf('\\n')) >= 0) {
    const [op, pid] = pending.slice(0, end).split(' ');
    pending = pending.slice(end + 1);
    if (op === '+') groups.add(Number(pid)); else groups.delete(Number(pid));
  }
});
const signalAll = (signal) => {
  for (const pid of groups) { try { process.kill(-pid, signal); } catch { groups.delete(pid); } }
};
process.stdin.on('end', () => {
  signalAll('SIGTERM');
  const deadline = Date.now() + 5000;
  const check = () => {
    signalAll(Date.now() < deadline ? 0 : 'SIGKILL');
    if (groups.size === 0 || Date.now() >= deadline) process.exit(0);
    setTimeout(check, 100);
  };
  check();
});
`;

/**
 * Makes sure the process groups we start die with us: on a normal exit they get SIGKILL
 * synchronously, and a detached watchdog covers the case where we are killed outright.
 */
class ChildReaper {
  private readonly groups = new Set<number>();
  private watchdog: ChildProcess | undefined;
  private exitHookInstalled = false;

  /** Watches a process group leader (a child spawned with `detached: true`). */
  watch(pid: number): void {
    this.installExitHook();
    this.groups.add(pid);
    this.send(`+ ${pid}`);
  }

  unwatch(pid: number): void {
    if (!this.groups.delete(pid)) return;
    this.send(`- ${pid}`);
    if (this.groups.size === 0) this.stopWatchdog();
  }

  private send(line: string): void {
    const watchdog = this.watchdog ?? this.startWatchdog();
    watchdog.stdin?.write(`${line}\n`);
  }

  private startWatchdog(): ChildProcess {
    const watchdog = spawn(process.execPath, ['-e', WATCHDOG_SOURCE], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    watchdog.unref();
    (watchdog.stdin as Socket | null)?.unref();
    watchdog.stdin?.on('error', () => undefined);
    watchdog.once('exit', () => {
      if (this.watchdog === watchdog) this.watchdog = undefined;
    });
    this.watchdog = watchdog;
    for (const pid of this.groups) watchdog.stdin?.write(`+ ${pid}\n`);
    return watchdog;
  }

  private stopWatchdog(): void {
    this.watchdog?.stdin?.end();
    this.watchdog = undefined;
  }

  private installExitHook(): void {
    if (this.exitHookInstalled) return;
    this.exitHookInstalled = true;
    process.once('exit', () => {
      for (const pid of this.groups) killGroup(pid, 'SIGKILL');
    });
  }
}

/** Signals a whole process group, falling back to the single process. */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

export const childReaper = new ChildReaper();
