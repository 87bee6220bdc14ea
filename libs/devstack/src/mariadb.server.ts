import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { childReaper } from './child-reaper';
import { assertPortFree } from './ports';
import { createDatabase } from './databases';
import { mariaDbAnswers, securedRootUrl } from './mariadb.root';
import {
  processCommandLine,
  readPidFile,
  runLogged,
  spawnedPid,
  tail,
  terminatePid,
  type StackLog,
} from './process-tools';
import {
  mariaDbInstallArgs,
  mariaDbPaths,
  mariaDbServerArgs,
  portFromCommandLine,
  type Durability,
} from './server-args';
import type { ServerBinaries } from './server-binaries';
import { waitUntil } from './wait-until';

export interface ServerHandle {
  /** Connection URL (for MariaDB: root's, with its password, of the `mnemo` database). */
  url: string;
  port: number;
  pid: number;
  /** True when a server we had started earlier for the same data dir was still running. */
  reused: boolean;
  stop(): Promise<void>;
}

export interface StartMariaDbOptions {
  dataDir: string;
  port: number;
  binaries: Pick<ServerBinaries, 'mariadbd' | 'mariadbInstallDb'>;
  /** Keep running after we exit (the `stack up` case); otherwise it dies with us. */
  background?: boolean;
  durability?: Durability;
  database?: string;
  log?: StackLog;
  timeoutMs?: number;
}

const SHUTDOWN_GRACE_MS = 30_000;

/**
 * Initialises the data dir once, starts (or reuses) mariadbd, gives root the password kept in
 * the data dir's credentials file and creates the `mnemo` database.
 */
export async function startMariaDb(options: StartMariaDbOptions): Promise<ServerHandle> {
  const database = options.database ?? 'mnemo';
  const running = await findRunningMariaDb(options.dataDir);
  if (running) {
    options.log?.(`Reusing mariadbd (pid ${running.pid}) on port ${running.port}`);
    const url = await rootDatabaseUrl(options, running.port, database);
    return handle(url, running.port, running.pid, true);
  }
  await assertPortFree(options.port, 'MariaDB');
  await initialiseDataDir(options);
  const pid = await launch(options);
  try {
    return handle(await rootDatabaseUrl(options, options.port, database), options.port, pid, false);
  } catch (error) {
    await stopPid(pid);
    throw error;
  }
}

async function rootDatabaseUrl(options: StartMariaDbOptions, port: number, database: string) {
  const paths = mariaDbPaths(options.dataDir);
  const root = await securedRootUrl(port, paths.credentials, options.log);
  return createDatabase(root, database);
}

/** Stops the mariadbd recorded in the data dir's pid file, if it is ours and alive. */
export async function stopMariaDb(dataDir: string): Promise<boolean> {
  const running = await findRunningMariaDb(dataDir);
  if (!running) return false;
  await stopPid(running.pid);
  return true;
}

/** The mariadbd started for this data dir, when its pid file points at a live one. */
export async function findRunningMariaDb(
  dataDir: string,
): Promise<{ pid: number; port: number } | undefined> {
  const paths = mariaDbPaths(dataDir);
  const pid = await readPidFile(paths.pidFile);
  if (!pid) return undefined;
  const commandLine = await processCommandLine(pid);
  if (!commandLine.includes(`--datadir=${paths.datadir}`)) return undefined;
  const port = portFromCommandLine(commandLine);
  return port ? { pid, port } : undefined;
}

async function launch(options: StartMariaDbOptions): Promise<number> {
  const paths = mariaDbPaths(options.dataDir);
  await rm(paths.pidFile, { force: true });
  await mkdir(paths.secureFileDir, { recursive: true, mode: 0o700 });
  const child = spawn(options.binaries.mariadbd, mariaDbServerArgs(options), {
    detached: true,
    stdio: 'ignore',
  });
  const pid = await spawnedPid(child);
  // Never holds our event loop open; without `background` the reaper ends it with us.
  child.unref();
  if (!options.background) childReaper.watch(pid);
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));
  try {
    await waitUntil(() => mariaDbAnswers(options.port), {
      description: `MariaDB on port ${options.port}`,
      timeoutMs: options.timeoutMs ?? 60_000,
      abortIf: () =>
        exitCode === undefined ? undefined : new Error(`mariadbd exited with code ${exitCode}`),
    });
  } catch (error) {
    await stopPid(pid);
    throw new Error(`${(error as Error).message}\n${await tail(paths.errorLog)}`);
  }
  return pid;
}

async function initialiseDataDir(options: StartMariaDbOptions): Promise<void> {
  const paths = mariaDbPaths(options.dataDir);
  if (existsSync(paths.initialisedMarker)) return;
  // A datadir without the marker is a half-finished init: start over.
  await rm(paths.datadir, { recursive: true, force: true });
  await mkdir(paths.datadir, { recursive: true });
  options.log?.(`Initialising MariaDB data in ${paths.datadir}`);
  const installLog = join(options.dataDir, 'mariadb-install-db.log');
  await runLogged(
    options.binaries.mariadbInstallDb,
    mariaDbInstallArgs(options.dataDir),
    installLog,
  );
  await writeFile(paths.initialisedMarker, `${new Date().toISOString()}\n`);
}

function handle(url: string, port: number, pid: number, reused: boolean): ServerHandle {
  return { url, port, pid, reused, stop: () => stopPid(pid) };
}

async function stopPid(pid: number): Promise<void> {
  await terminatePid(pid, SHUTDOWN_GRACE_MS);
  childReaper.unwatch(pid);
}
