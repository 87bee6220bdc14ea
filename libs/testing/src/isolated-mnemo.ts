import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  serviceMainPath,
  ServiceFleet,
  waitForHttpOk,
  type LogLevel,
  type ServiceName,
} from '@mnemo/devstack';
import {
  portBelowEphemeral,
  stackBinaries,
  startBus,
  startDatabase,
  type Cleanup,
  type ServerOptions,
  type StackBus,
  type StackDatabase,
} from './isolated-mnemo.servers';

export { portBelowEphemeral, type StackBus, type StackDatabase } from './isolated-mnemo.servers';

// The one way to start a throwaway Mnemo (its database, its bus, the built services) for an e2e
// suite (startMnemo) or a benchmark (load-tests/runner/isolated-stack.ts).

export interface IsolatedMnemoOptions extends Omit<ServerOptions, 'dir'> {
  workspaceRoot: string;
  modelDir: string;
  /** The stack's dir is a fresh `<parentDir or the OS temp dir>/<dirPrefix>XXXXXX`. */
  dirPrefix: string;
  parentDir?: string;
  /** Keep the stack's dir (and a database made on a given server) after stop(). */
  keepData?: boolean;
  /** How many instances of each service to start. */
  instances: Partial<Record<ServiceName, number>>;
  /**
   * 'own': every instance on a metrics port of its own and every gateway on an HTTP port of its
   * own, all below the ephemeral range; 'shared': one HTTP port for the gateway, no metrics port.
   */
  ports: 'own' | 'shared';
  /** The services' environment, under what the stack sets. */
  env: NodeJS.ProcessEnv;
  /** Laid over what the stack sets, except the bus URL and the HTTP port. */
  overrides?: Record<string, string>;
  logLevel: string;
  /** Passed on as MNEMO_CPU_PROF_DIR: every service writes a CPU profile there. */
  cpuProfileDir?: string;
  /** Each instance's log file goes here; `<dir>/logs` by default, none with false. */
  logDir?: string | false;
  echo?: LogLevel | false;
  echoTo?: (line: string) => void;
  /** How long each service may take to be ready (the fleet's default when not given). */
  readyTimeoutMs?: number;
  /** Wait for every gateway's GET /health to answer 200 (within readyTimeoutMs, 60 s default). */
  waitForHealth: boolean;
  /** Work done while the servers start, before the services do (e.g. preparing a model). */
  prepare?: () => Promise<unknown>;
}

export interface IsolatedMnemo {
  dir: string;
  /** The first gateway. */
  baseUrl: string;
  /** Every gateway started with `ports: 'own'`, each on a port of its own. */
  baseUrls: string[];
  /** Every instance's /metrics, with `ports: 'own'`. */
  metricsEndpoints: { name: string; url: string }[];
  database: StackDatabase;
  bus: StackBus;
  fleet: ServiceFleet;
  /** Stops the services and the servers, drops the database; idempotent. */
  stop(): Promise<void>;
}

/** A database and a bus of the stack's own (or given servers) and the built services on them. */
export async function startIsolatedMnemo(options: IsolatedMnemoOptions): Promise<IsolatedMnemo> {
  assertBuilt(options.workspaceRoot, options.instances);
  const dir = await mkdtemp(join(options.parentDir ?? tmpdir(), options.dirPrefix));
  const logDir = options.logDir ?? join(dir, 'logs');
  const cleanups: Cleanup[] = [
    () => (options.keepData ? Promise.resolve() : rm(dir, { recursive: true, force: true })),
  ];
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= runCleanups(cleanups, options.log));
  try {
    const stack = await startInside({ ...options, dir }, logDir, cleanups);
    if (options.keepData) options.log?.(`data and logs kept in ${dir}`);
    return { ...stack, dir, stop };
  } catch (error) {
    if (logDir) options.log?.(`start failed; logs are in ${logDir}`);
    await stop();
    throw error;
  }
}

type Inside = IsolatedMnemoOptions & { dir: string };

async function startInside(options: Inside, logDir: string | false, cleanups: Cleanup[]) {
  const binaries = await stackBinaries(options);
  const [database, bus] = await Promise.all([
    startDatabase(options, binaries, cleanups),
    startBus(options, binaries, cleanups),
    options.prepare?.(),
  ]);
  const taken: number[] = [];
  const httpPort = options.ports === 'own' ? await portBelowEphemeral(taken) : await freePort();
  if (logDir) await mkdir(logDir, { recursive: true });
  const fleet = new ServiceFleet({
    workspaceRoot: options.workspaceRoot,
    env: fleetEnv(options, bus, httpPort),
    mysqlUrls: database.serviceUrls,
    natsUrls: bus.userUrls,
    echo: options.echo,
    echoTo: options.echoTo,
    readyTimeoutMs: options.readyTimeoutMs,
    logDir: logDir || undefined,
  });
  cleanups.push(() => fleet.stopAll());
  options.log?.(`starting ${describeInstances(options.instances)}`);
  const ports = { http: httpPort, taken, own: options.ports === 'own' };
  const { metricsEndpoints, baseUrls } = await startInstances(fleet, options.instances, ports);
  if (options.waitForHealth) {
    const timeoutMs = options.readyTimeoutMs ?? 60_000;
    for (const url of baseUrls) {
      await waitForHttpOk(`${url}/health`, timeoutMs, () => fleet.exitedError());
    }
  }
  return { baseUrl: baseUrls[0], baseUrls, metricsEndpoints, database, bus, fleet };
}

function fleetEnv(options: Inside, bus: StackBus, httpPort: number): NodeJS.ProcessEnv {
  return {
    ...(options.cpuProfileDir ? { MNEMO_CPU_PROF_DIR: options.cpuProfileDir } : {}),
    ...options.env,
    MNEMO_MODEL_DIR: options.modelDir,
    MNEMO_LOG_LEVEL: options.logLevel,
    ...(options.ports === 'shared' ? { MNEMO_METRICS_PORT: '0' } : {}),
    ...options.overrides,
    MNEMO_NATS_URL: bus.adminUrl ?? bus.url,
    MNEMO_HTTP_PORT: String(httpPort),
  };
}

/**
 * With own ports, every instance on a metrics port of its own, so each can be scraped, and every
 * gateway on an HTTP port of its own (the first on `ports.http`), as gateways behind a balancer.
 */
async function startInstances(
  fleet: ServiceFleet,
  instances: Partial<Record<ServiceName, number>>,
  ports: { http: number; taken: number[]; own: boolean },
): Promise<Pick<IsolatedMnemo, 'metricsEndpoints' | 'baseUrls'>> {
  const metricsEndpoints: IsolatedMnemo['metricsEndpoints'] = [];
  const baseUrls = ports.own ? [] : [`http://127.0.0.1:${ports.http}`];
  const ready: Promise<void>[] = [];
  for (const [name, count] of Object.entries(instances) as [ServiceName, number][]) {
    for (let i = 0; i < count; i += 1) {
      if (!ports.own) {
        ready.push(fleet.spawn(name).ready);
        continue;
      }
      const metricsPort = await portBelowEphemeral(ports.taken);
      const env: Record<string, string> = { MNEMO_METRICS_PORT: String(metricsPort) };
      if (name === 'gateway') {
        const port = i === 0 ? ports.http : await portBelowEphemeral(ports.taken);
        env.MNEMO_HTTP_PORT = String(port);
        baseUrls.push(`http://127.0.0.1:${port}`);
      }
      const service = fleet.spawn(name, { env });
      metricsEndpoints.push({
        name: service.instanceId,
        url: `http://127.0.0.1:${metricsPort}/metrics`,
      });
      ready.push(service.ready);
    }
  }
  await Promise.all(ready);
  return { metricsEndpoints, baseUrls };
}

async function runCleanups(cleanups: Cleanup[], log?: (line: string) => void): Promise<void> {
  const failures: unknown[] = [];
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error: unknown) => {
      if (log) log(`cleanup: ${String(error)}`);
      else failures.push(error);
    });
  }
  // Without a log to tell, the first failure is the caller's to see (a suite's afterAll).
  if (failures.length > 0) throw failures[0];
}

function assertBuilt(workspaceRoot: string, instances: Partial<Record<ServiceName, number>>) {
  const started = Object.entries(instances).filter(([, count]) => (count ?? 0) > 0);
  const missing = started
    .map(([name]) => name as ServiceName)
    .filter((name) => !existsSync(serviceMainPath(workspaceRoot, name)));
  if (missing.length > 0) {
    throw new Error(`not built: ${missing.join(', ')}. Run \`npx nx run-many -t build\` first.`);
  }
}

function describeInstances(instances: Partial<Record<ServiceName, number>>): string {
  return Object.entries(instances)
    .map(([name, count]) => (count === 1 ? name : `${name} x${count}`))
    .join(', ');
}
