import { join } from 'node:path';
import {
  SERVICE_NAMES,
  uniqueDatabaseName,
  type ServiceFleet,
  type ServiceName,
} from '@mnemo/devstack';
import { prepareGloveModel } from '@mnemo/providers';
import { startIsolatedMnemo, type IsolatedMnemo } from '@mnemo/testing';
import type { MetricsEndpoint } from './bus-timings';
import type { WatchedProcess } from './resource-sampler';

// The benchmarks' throwaway stack: startIsolatedMnemo (libs/testing) with what a measured run
// needs: its own servers, NATS users, instances on ports of their own, offline providers.

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
  const { log } = options;
  const natsNodes = options.natsNodes ?? 1;
  const stack = await startIsolatedMnemo({
    workspaceRoot: options.workspaceRoot,
    pathEnv: options.pathEnv,
    modelDir: options.modelDir,
    dirPrefix: 'mnemo-bench-',
    keepData: options.keepData,
    installServers: true,
    mysql: options.mysqlUrl
      ? { serverUrl: options.mysqlUrl, database: uniqueDatabaseName('mnemo_bench') }
      : undefined,
    // A NATS user per service, as deployed: the benchmark measures the bus with auth on.
    natsUsers: true,
    natsCluster: natsNodes > 1 ? natsNodes : undefined,
    instances: options.instances,
    ports: 'own',
    env: { PATH: options.pathEnv, ...options.serviceEnv },
    // Offline providers only: the run must never call an outside API.
    overrides: {
      MNEMO_HTTP_HOST: '127.0.0.1',
      MNEMO_LLM_PROVIDER: 'local',
      MNEMO_EMBEDDER_PROVIDER: 'local',
      ...options.providerEnv,
    },
    logLevel: options.logLevel,
    // A benchmark run with MNEMO_CPU_PROF_DIR set profiles every service it starts.
    cpuProfileDir: process.env.MNEMO_CPU_PROF_DIR,
    echo: 'warn',
    echoTo: log,
    waitForHealth: true,
    prepare: () =>
      prepareGloveModel({ cacheDir: options.modelDir, log: (line) => log(`model: ${line}`) }),
    log,
  });
  return benchStack(stack, options.mysqlUrl);
}

function benchStack(stack: IsolatedMnemo, mysqlUrl: string | undefined): IsolatedStack {
  const { database, bus, fleet } = stack;
  const processes: WatchedProcess[] = [{ name: 'load generator (runner)', pid: process.pid }];
  if (database.pid) processes.push({ name: 'mariadbd', pid: database.pid });
  processes.push(...bus.processes);
  for (const service of fleet.all()) {
    if (service.pid) {
      processes.push({ name: service.instanceId, service: service.name, pid: service.pid });
    }
  }
  return {
    baseUrl: stack.baseUrl,
    baseUrls: stack.baseUrls,
    database: mysqlUrl
      ? `database ${database.name} on ${database.host}:${database.port} (MNEMO_MYSQL_URL)`
      : `MariaDB started by the runner on port ${database.port}`,
    processes,
    metricsEndpoints: stack.metricsEndpoints,
    natsUrl: bus.url,
    vectorStoreMysqlUrl: database.serviceUrls['vector-store'],
    fleet,
    restartNats: bus.restart,
    restartMariaDb: database.restart,
    stop: stack.stop,
  };
}
