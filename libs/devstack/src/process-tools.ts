import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { waitUntil } from './wait-until';

export type StackLog = (line: string) => void;

/** Whether a process with this pid exists (and we may signal it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid stored in a pid file, or undefined when the file is missing or holds no number. */
export async function readPidFile(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(path, 'utf8')).trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The command line of a live process, read from /proc; empty when it is gone. */
export async function processCommandLine(pid: number): Promise<string[]> {
  try {
    const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((part) => part.length > 0);
  } catch {
    return [];
  }
}

/** Sends SIGTERM, waits for the process to vanish, then SIGKILL after the grace period. */
export async function terminatePid(pid: number, graceMs: number): Promise<void> {
  if (!isAlive(pid)) return;
  signalPid(pid, 'SIGTERM');
  try {
    await waitUntil(() => (isAlive(pid) ? undefined : true), {
      description: `process ${pid} to exit`,
      timeoutMs: graceMs,
      intervalMs: 50,
    });
  } catch {
    signalPid(pid, 'SIGKILL');
    await waitUntil(() => (isAlive(pid) ? undefined : true), {
      description: `process ${pid} to die`,
      timeoutMs: 5000,
      intervalMs: 50,
    });
  }
}

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/** Runs a command with its output in a log file; on failure the error quotes the log's tail. */
export async function runLogged(command: string, args: string[], logFile: string): Promise<void> {
  const fd = openSync(logFile, 'w');
  try {
    const child = spawn(command, args, { stdio: ['ignore', fd, fd] });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`${command} exited with code ${code}:\n${await tail(logFile)}`);
  } finally {
    closeSync(fd);
  }
}

/** Resolves with the pid once the child has really started. */
export function spawnedPid(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('spawn', () => (child.pid ? resolve(child.pid) : reject(new Error('No pid'))));
  });
}

/** The last lines of a log file, for error messages. */
export async function tail(file: string, lines = 30): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return `(no ${file})`;
  }
}
