import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { natsPermissions } from '@mnemo/contracts';
import {
  createDatabase,
  dropDatabase,
  dropServiceAccounts,
  findOrInstallServers,
  freePort,
  isPortOpen,
  loopbackNatsAuth,
  provisionServiceAccounts,
  randomServicePasswords,
  SERVICE_NAMES,
  serviceMainPath,
  ServiceFleet,
  serviceNatsUrls,
  startMariaDb,
  startNats,
  startNatsCluster,
  uniqueDatabaseName,
  waitForHttpOk,
  type NatsAuth,
  type ServiceMysqlUrls,
  type ServiceName,
} from '@mnemo/devstack';
import { prepareGloveModel } from '@mnemo/providers';
import { waitForJetStream } from '@mnemo/testing';
import type { MetricsEndpoint } from './bus-timings';
import type { WatchedProcess } from './resource-sampler';

export interface IsolatedStackOptions {
  workspaceRoot: string;
  /** A MariaDB/MySQL server to use (a fresh database is created on it); else one is started. */
  mysqlUrl: string | undefined;
  modelDir: string;
  logLevel: string;
  instances: Record<ServiceName, number>;
  /** MNEMO_* tuning keys passed on to every service. */
  serviceEnv: Record<string, string>;
  pathEnv: string;
  keepData: boolean;
  /** Provider settings laid over the offline defaults (e.g. a fake OpenAI-compatible server). */
  providerEnv?: Record<string, string>;
  /** 1 (default): one nats-server; more: a NATS cluster of that many nodes on loopback. */
  natsNodes?: number;
  log: (line: string) => void;
}

export interface IsolatedStack {
  /** the first gateway */
  baseUrl: string;
  /** every gateway instance, each on a port of its own (clients spread over them) */
  baseUrls: string[];
  /** How the database was provided, for the report. */
  database: string;
  processes: WatchedProcess[];
  /** Every instance's /metrics, for the per-subject NATS timings. */
  metricsEndpoints: MetricsEndpoint[];
  /** on a cluster, every node's URL, comma-separated */
  natsUrl: string;
  /** the vector-store's own account, for the direct seeder */
  vectorStoreMysqlUrl: string;
  /** For fault injection (the fault ledger): the services and the servers, in place. */
  fleet: ServiceFleet;
  /** Stops NATS node `node` (the only one without a cluster), starts it on the same port and store. */
  restartNats(node?: number): Promise<void>;
  /** Undefined when the run uses a server it did not start (MNEMO_MYSQL_URL). */
  restartMariaDb: (() => Promise<void>) | undefined;
  stop(): Promise<void>;
}

type Cleanup = () => Promise<unknown>;

/** What every runner passes alike: a stack of its own, one instance of each service. */
export function singleInstanceStack(workspaceRoot: string) {
  return {
    workspaceRoot,
    mysqlUrl: undefined,
    modelDir: process.env.MNEMO_MODEL_DIR ?? join(workspaceRoot, '.cache', 'models'),
    logLevel: 'info',
    instances: Object.fromEntries(SERVICE_NAMES.map((name) => [name, 1])) as Record<
      ServiceName,
      number
    >,
    pathEnv: process.env.PATH ?? '',
  };
}

/** MariaDB (or a fresh database on the given server), NATS and the built services on loopback. */
export async function startIsolatedStack(options: IsolatedStackOptions): Promise<IsolatedStack> {
  assertBuilt(options.workspaceRoot, Object.keys(options.instances) as ServiceName[]);
  const dir = await mkdtemp(join(tmpdir(), 'mnemo-bench-'));
  const cleanups: Cleanup[] = [
    () => (options.keepData ? Promise.resolve() : rm(dir, { recursive: true, force: true })),
  ];
  let stopped: Promise<void> | undefined;
  // Idempotent: a signal and the normal path may both ask to stop.
  const stop = () => (stopped ??= runCleanups(cleanups, options.log));
  try {
    const stack = await startInside(dir, options, cleanups);
    if (options.keepData) options.log(`data and logs kept in ${dir}`);
    return { ...stack, stop };
  } catch (error) {
    options.log(`start failed; logs are in ${join(dir, 'logs')}`);
    await stop();
    throw error;
  }
}

async function startInside(dir: string, options: IsolatedStackOptions, cleanups: Cleanup[]) {
  const binaries = await findOrInstallServers({ pathEnv: options.pathEnv, log: options.log });
  const processes: WatchedProcess[] = [{ name: 'load generator (runner)', pid: process.pid }];
  // A NATS user per service, as deployed: the benchmark measures the bus with auth on.
  const natsAuth = await loopbackNatsAuth(join(dir, 'nats'), natsPermissions);
  const [database, nats] = await Promise.all([
    startDatabase(dir, options, binaries, cleanups, processes),
    startBus(join(dir, 'nats'), options, binaries, natsAuth),
    prepareGloveModel({ cacheDir: options.modelDir, log: (line) => options.log(`model: ${line}`) }),
  ]);
  cleanups.push(() => nats.stop());
  processes.push(...nats.processes);
  const httpPort = await listenPort([]);
  const logDir = join(dir, 'logs');
  await mkdir(logDir, { recursive: true });
  const fleet = new ServiceFleet({
    workspaceRoot: options.workspaceRoot,
    env: {
      PATH: options.pathEnv,
      // A benchmark run with MNEMO_CPU_PROF_DIR set profiles every service it starts.
      ...(process.env.MNEMO_CPU_PROF_DIR
        ? { MNEMO_CPU_PROF_DIR: process.env.MNEMO_CPU_PROF_DIR }
        : {}),
      ...options.serviceEnv,
      MNEMO_NATS_URL: nats.url,
      MNEMO_HTTP_HOST: '127.0.0.1',
      MNEMO_HTTP_PORT: String(httpPort),
      MNEMO_MODEL_DIR: options.modelDir,
      MNEMO_LOG_LEVEL: options.logLevel,
      // Offline providers only: the run must never call an outside API.
      MNEMO_LLM_PROVIDER: 'local',
      MNEMO_EMBEDDER_PROVIDER: 'local',
      ...options.providerEnv,
    },
    mysqlUrls: database.serviceUrls,
    natsUrls: serviceNatsUrls(nats.url, natsAuth),
    echo: 'warn',
    echoTo: options.log,
    logDir,
  });
  cleanups.push(() => fleet.stopAll());
  options.log(`starting ${describeInstances(options.instances)}`);
  const { metricsEndpoints, baseUrls } = await startInstances(fleet, options.instances, httpPort);
  for (const url of baseUrls) await waitForHttpOk(`${url}/health`, 60_000, () => crashed(fleet));
  for (const service of fleet.all()) {
    if (service.pid) {
      processes.push({ name: service.instanceId, service: service.name, pid: service.pid });
    }
  }
  return {
    baseUrl: baseUrls[0],
    baseUrls,
    database: database.description,
    processes,
    metricsEndpoints,
    natsUrl: nats.url,
    vectorStoreMysqlUrl: database.serviceUrls['vector-store'],
    fleet,
    restartNats: nats.restart,
    restartMariaDb: database.restart,
  };
}

interface Bus {
  url: string;
  processes: WatchedProcess[];
  restart(node?: number): Promise<void>;
  stop(): Promise<void>;
}

/** One nats-server, or a cluster of `natsNodes` whose JetStream has elected its leader. */
async function startBus(
  dataDir: string,
  options: IsolatedStackOptions,
  binaries: Awaited<ReturnType<typeof findOrInstallServers>>,
  auth: NatsAuth,
): Promise<Bus> {
  const { log } = options;
  if ((options.natsNodes ?? 1) > 1) {
    const cluster = await startNatsCluster({
      dataDir,
      nodes: options.natsNodes!,
      binaries,
      log,
      auth,
    });
    await waitForJetStream(cluster.url).catch(async (error: unknown) => {
      await cluster.stop();
      throw error;
    });
    return {
      url: cluster.url,
      processes: cluster.nodes.map((node) => ({ name: node.serverName, pid: node.pid })),
      restart: async (node = 0) => {
        await cluster.nodes[node].stop();
        cluster.nodes[node] = await cluster.nodes[node].start();
      },
      stop: cluster.stop,
    };
  }
  const port = await freePort();
  const launch = () => startNats({ dataDir, port, binaries, log, auth });
  let nats = await launch();
  return {
    url: nats.url,
    processes: [{ name: 'nats-server', pid: nats.pid }],
    restart: async () => {
      await nats.stop();
      nats = await launch();
    },
    stop: () => nats.stop(),
  };
}

/**
 * Every instance on a metrics port of its own, so each can be scraped; every gateway on an HTTP
 * port of its own (the first on `httpPort`), as two gateways behind a balancer.
 */
async function startInstances(
  fleet: ServiceFleet,
  instances: Record<ServiceName, number>,
  httpPort: number,
): Promise<{ metricsEndpoints: MetricsEndpoint[]; baseUrls: string[] }> {
  const metricsEndpoints: MetricsEndpoint[] = [];
  const baseUrls: string[] = [];
  const taken = [httpPort];
  const ready: Promise<void>[] = [];
  for (const [name, count] of Object.entries(instances) as [ServiceName, number][]) {
    for (let i = 0; i < count; i += 1) {
      const metricsPort = await listenPort(taken);
      const env: Record<string, string> = { MNEMO_METRICS_PORT: String(metricsPort) };
      if (name === 'gateway') {
        const port = i === 0 ? httpPort : await listenPort(taken);
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

/**
 * A port nothing listens on, below Linux's ephemeral range (32768-60999): the kernel also hands
 * ephemeral ports to outgoing connections, and with a dozen instances connecting to MariaDB and
 * NATS one of them took a port picked there before its service could listen on it.
 */
async function listenPort(taken: number[]): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!taken.includes(port) && !(await isPortOpen(port))) {
      taken.push(port);
      return port;
    }
  }
}

/** A database of the run's own and the services' least-privilege accounts on it. */
async function startDatabase(
  dir: string,
  options: IsolatedStackOptions,
  binaries: Awaited<ReturnType<typeof findOrInstallServers>>,
  cleanups: Cleanup[],
  processes: WatchedProcess[],
): Promise<{
  serviceUrls: ServiceMysqlUrls;
  description: string;
  restart: (() => Promise<void>) | undefined;
}> {
  const admin = await adminDatabase(dir, options, binaries, cleanups, processes);
  const { pathname } = new URL(admin.url);
  const database = pathname.slice(1);
  cleanups.push(() => dropServiceAccounts(admin.url, database));
  const passwords = randomServicePasswords();
  const serviceUrls = await provisionServiceAccounts(admin.url, database, passwords);
  return { serviceUrls, description: admin.description, restart: admin.restart };
}

async function adminDatabase(
  dir: string,
  options: IsolatedStackOptions,
  binaries: Awaited<ReturnType<typeof findOrInstallServers>>,
  cleanups: Cleanup[],
  processes: WatchedProcess[],
): Promise<{ url: string; description: string; restart?: () => Promise<void> }> {
  if (options.mysqlUrl) {
    const name = uniqueDatabaseName('mnemo_bench');
    const url = await createDatabase(options.mysqlUrl, name);
    if (!options.keepData) cleanups.push(() => dropDatabase(options.mysqlUrl!, name));
    const server = new URL(options.mysqlUrl);
    return {
      url,
      description: `database ${name} on ${server.hostname}:${server.port} (MNEMO_MYSQL_URL)`,
    };
  }
  const port = await freePort();
  const launch = () =>
    startMariaDb({ dataDir: join(dir, 'mariadb'), port, binaries, log: options.log });
  let mariadb = await launch();
  cleanups.push(() => mariadb.stop());
  processes.push({ name: 'mariadbd', pid: mariadb.pid });
  return {
    url: mariadb.url,
    description: `MariaDB started by the runner on port ${port}`,
    restart: async () => {
      await mariadb.stop();
      mariadb = await launch();
    },
  };
}

async function runCleanups(cleanups: Cleanup[], log: (line: string) => void): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) {
    await cleanup().catch((error: unknown) => log(`cleanup: ${String(error)}`));
  }
}

function assertBuilt(workspaceRoot: string, services: ServiceName[]): void {
  const missing = services.filter((name) => !existsSync(serviceMainPath(workspaceRoot, name)));
  if (missing.length > 0) {
    throw new Error(`not built: ${missing.join(', ')}. Run \`npx nx run-many -t build\` first.`);
  }
}

function crashed(fleet: ServiceFleet): Error | undefined {
  const dead = fleet.all().find((service) => !service.running);
  return dead ? new Error(`${dead.instanceId} exited:\n${dead.logs(30).join('\n')}`) : undefined;
}

function describeInstances(instances: Record<string, number>): string {
  return Object.entries(instances)
    .map(([name, count]) => (count === 1 ? name : `${name} x${count}`))
    .join(', ');
}
