import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { childReaper } from './child-reaper';
import { natsAuthorizationConfig, type NatsAuth } from './nats-users';
import { assertPortFree } from './ports';
import type { ServerHandle } from './mariadb.server';
import {
  processCommandLine,
  readPidFile,
  spawnedPid,
  tail,
  terminatePid,
  type StackLog,
} from './process-tools';
import {
  natsPaths,
  natsServerArgs,
  natsServerConfig,
  natsServerEnv,
  natsSyncAlways,
  portFromCommandLine,
  type NatsClusterNode,
} from './server-args';
import type { ServerBinaries } from './server-binaries';
import { waitUntil } from './wait-until';

export interface StartNatsOptions {
  dataDir: string;
  port: number;
  binaries: Pick<ServerBinaries, 'natsServer'>;
  /** Keep running after we exit (the `stack up` case); otherwise it dies with us. */
  background?: boolean;
  log?: StackLog;
  timeoutMs?: number;
  /** Start it as one node of a cluster (see `startNatsCluster`). */
  cluster?: NatsClusterNode;
  /** Users and their permissions; without it every client may do anything. */
  auth?: NatsAuth;
  /** Serve the monitoring endpoints (`/connz`, `/jsz`...) on this loopback port. */
  monitorPort?: number;
  /** JetStream fsyncs every write (`sync_interval: always`); default MNEMO_NATS_SYNC_ALWAYS */
  syncAlways?: boolean;
}

export interface NatsServerHandle extends ServerHandle {
  /** `http://127.0.0.1:<monitorPort>` when started with one */
  monitorUrl?: string;
}

const SHUTDOWN_GRACE_MS = 10_000;

/** Starts (or reuses) nats-server with JetStream under the data dir. */
export async function startNats(options: StartNatsOptions): Promise<NatsServerHandle> {
  const running = await findRunningNats(options.dataDir);
  if (running) {
    options.log?.(`Reusing nats-server (pid ${running.pid}) on port ${running.port}`);
    return handle(running.port, running.pid, true);
  }
  await assertPortFree(options.port, 'NATS');
  const paths = natsPaths(options.dataDir);
  await mkdir(paths.storeDir, { recursive: true });
  await rm(paths.pidFile, { force: true });
  await writeFile(paths.configFile, serverConfig(options), { mode: 0o600 });
  await chmod(paths.configFile, 0o600);
  const logFd = openSync(paths.logFile, 'a');
  const child = spawn(
    options.binaries.natsServer,
    natsServerArgs(options.dataDir, options.port, options.cluster),
    {
      detached: true,
      env: natsServerEnv(),
      stdio: ['ignore', logFd, logFd],
    },
  );
  closeSync(logFd);
  const pid = await spawnedPid(child);
  // Never holds our event loop open; without `background` the reaper ends it with us.
  child.unref();
  if (!options.background) childReaper.watch(pid);
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));
  try {
    await waitUntil(() => readNatsInfo(options.port), {
      description: `NATS on port ${options.port}`,
      timeoutMs: options.timeoutMs ?? 15_000,
      intervalMs: 20,
      abortIf: () =>
        exitCode === undefined ? undefined : new Error(`nats-server exited with code ${exitCode}`),
    });
  } catch (error) {
    await stopPid(pid);
    const log = await tail(paths.logFile);
    if (log.includes('unknown field "sync_interval"')) {
      throw new Error(
        'MNEMO_NATS_SYNC_ALWAYS asks JetStream to fsync every write (sync_interval: always), ' +
          `which needs nats-server 2.10 or newer; ${options.binaries.natsServer} does not know it.\n${log}`,
      );
    }
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  const monitorUrl = options.monitorPort ? `http://127.0.0.1:${options.monitorPort}` : undefined;
  return { ...handle(options.port, pid, false), ...(monitorUrl ? { monitorUrl } : {}) };
}

/** The config file: the payload limit, and the users (their passwords too, hence mode 0600). */
function serverConfig(options: StartNatsOptions): string {
  const parts = [natsServerConfig({ syncAlways: options.syncAlways ?? natsSyncAlways() })];
  if (options.auth) parts.push(natsAuthorizationConfig(options.auth));
  if (options.monitorPort) parts.push(`http: "127.0.0.1:${options.monitorPort}"\n`);
  return parts.join('');
}

/** Stops the nats-server recorded in the data dir's pid file, if it is ours and alive. */
export async function stopNats(dataDir: string): Promise<boolean> {
  const running = await findRunningNats(dataDir);
  if (!running) return false;
  await stopPid(running.pid);
  return true;
}

/** The nats-server started for this data dir, when its pid file points at a live one. */
export async function findRunningNats(
  dataDir: string,
): Promise<{ pid: number; port: number } | undefined> {
  const paths = natsPaths(dataDir);
  const pid = await readPidFile(paths.pidFile);
  if (!pid) return undefined;
  const commandLine = await processCommandLine(pid);
  if (!commandLine.includes(paths.storeDir)) return undefined;
  const port = portFromCommandLine(commandLine);
  return port ? { pid, port } : undefined;
}

export interface NatsInfo {
  version: string;
  jetstream: boolean;
  maxPayload: number;
}

/** The server's INFO greeting, or undefined while nothing answers on the port. */
export function readNatsInfo(port: number): Promise<NatsInfo | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const done = (value: NatsInfo | undefined) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(1000, () => done(undefined));
    socket.once('error', () => done(undefined));
    socket.once('data', (chunk) => done(parseInfo(chunk.toString('utf8'))));
  });
}

function parseInfo(greeting: string): NatsInfo | undefined {
  if (!greeting.startsWith('INFO ')) return undefined;
  try {
    const info = JSON.parse(greeting.slice(5).split('\r\n')[0]) as {
      version?: unknown;
      jetstream?: unknown;
      max_payload?: unknown;
    };
    return {
      version: String(info.version),
      jetstream: info.jetstream === true,
      maxPayload: Number(info.max_payload),
    };
  } catch {
    return undefined;
  }
}

function handle(port: number, pid: number, reused: boolean): ServerHandle {
  return { url: `nats://127.0.0.1:${port}`, port, pid, reused, stop: () => stopPid(pid) };
}

async function stopPid(pid: number): Promise<void> {
  await terminatePid(pid, SHUTDOWN_GRACE_MS);
  childReaper.unwatch(pid);
}
export * from './nats-users';
