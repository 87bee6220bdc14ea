import { join } from 'node:path';
import {
  SERVICE_NAMES,
  type ServiceFleet,
  uniqueDatabaseName,
  type NatsClusterHandle,
  type ServiceName,
  type ServiceProcess,
} from '@mnemo/devstack';
import { startIsolatedMnemo } from './isolated-mnemo';
import { loadTestStackConfig } from './services/test-stack.config';

export { waitForJetStream } from './services/own-nats-cluster';

export type { ServiceName, ServiceProcess } from '@mnemo/devstack';
// Suites connect to `natsUrl` themselves; on a cluster it names every node.
export { natsServers } from '@mnemo/messaging';
export { NATS_ADMIN_USER } from '@mnemo/devstack';
// Specs outside the tooling scope provision and inspect the service accounts through here.
export {
  createDatabase,
  dropServiceAccounts,
  provisionServiceAccounts,
  randomServicePasswords,
  SERVICE_TABLES,
  type DatabaseService,
  type ServiceMysqlUrls,
} from '@mnemo/devstack';

export interface StartMnemoOptions {
  /** Defaults to all six services. */
  services?: ServiceName[];
  /** Laid over the services' environment (provider settings, feature switches...). */
  env?: Record<string, string>;
  /** A fresh nats-server for this suite (default), or the shared one from MNEMO_NATS_URL. */
  ownNats?: boolean;
  /**
   * A NATS user per service, each service connecting as its own (default true with the suite's
   * own NATS; the shared one has no users).
   */
  busAuth?: boolean;
  /** A fresh NATS cluster of this many nodes instead of one nats-server (implies ownNats). */
  natsNodes?: number;
  /** How many instances of a service to start; 1 when not given. */
  instances?: Partial<Record<ServiceName, number>>;
  /** Wait for GET /health to answer 200; defaults to true when all six services run. */
  waitForHealth?: boolean;
  /** How long each service (and then /health) may take to come up; 60 s by default. */
  readyTimeoutMs?: number;
}

export interface MnemoStack {
  baseUrl: string;
  /** With bus auth, it carries the admin user (clients sending no credentials get it too). */
  natsUrl: string;
  /** With bus auth: each service's MNEMO_NATS_URL, carrying its own user. */
  natsUserUrls?: Record<ServiceName, string>;
  /** With bus auth on a single node: its monitoring endpoints (`/connz?auth=true`...). */
  natsMonitorUrl?: string;
  /** A database of this suite's own on the shared MariaDB, dropped by stop(); an admin URL. */
  mysqlUrl: string;
  database: string;
  /** The suite's NATS cluster, when started with `natsNodes`. */
  natsCluster?: NatsClusterHandle;
  service(name: ServiceName, index?: number): ServiceProcess;
  /** SIGKILL every instance of a service (or the one at `index`), as a crash would. */
  kill(name: ServiceName, index?: number): Promise<void>;
  /** Stops the instance if it runs, starts it again with the same instance id, waits for ready. */
  restart(name: ServiceName, index?: number): Promise<ServiceProcess>;
  /** Starts one more instance and waits until it is ready. */
  start(
    name: ServiceName,
    options?: { instanceId?: string; env?: Record<string, string> },
  ): Promise<ServiceProcess>;
  /** Stops every service and the suite's NATS, and drops the suite's database. */
  stop(): Promise<void>;
}

/** Runs Mnemo's real, built services for one test suite against the stack `npm test` started. */
export async function startMnemo(options: StartMnemoOptions = {}): Promise<MnemoStack> {
  const config = loadTestStackConfig();
  const services = options.services ?? [...SERVICE_NAMES];
  const database = uniqueDatabaseName('mnemo_t');
  const ownNats = Boolean(options.natsNodes) || (options.ownNats ?? true);
  if (!ownNats && !config.sharedNatsUrl) {
    throw new Error('startMnemo: MNEMO_NATS_URL is not set: run `npm test`');
  }
  const busAuth = options.busAuth ?? true;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const stack = await startIsolatedMnemo({
    workspaceRoot: config.workspaceRoot,
    pathEnv: config.pathEnv,
    modelDir: config.modelDir,
    dirPrefix: 'mnemo-suite-',
    parentDir: config.dataDir,
    mysql: { serverUrl: config.mysqlServerUrl, database },
    natsUrl: ownNats ? undefined : config.sharedNatsUrl,
    natsCluster: options.natsNodes,
    natsUsers: busAuth,
    natsMonitor: busAuth,
    instances: instanceCounts(services, options.instances),
    ports: 'shared',
    env: config.baseEnv,
    overrides: options.env,
    logLevel: 'info',
    logDir: config.dataDir ? join(config.dataDir, 'logs', database) : false,
    echo: config.echo ?? false,
    readyTimeoutMs,
    waitForHealth: options.waitForHealth ?? services.length === SERVICE_NAMES.length,
  });
  const { bus } = stack;
  return stackHandle(
    {
      baseUrl: stack.baseUrl,
      mysqlUrl: stack.database.adminUrl,
      database,
      natsUrl: bus.adminUrl ?? bus.url,
      natsUserUrls: bus.userUrls,
      natsMonitorUrl: bus.monitorUrl,
      natsCluster: bus.cluster,
    },
    stack.fleet,
    stack.stop,
  );
}

function instanceCounts(
  services: ServiceName[],
  instances: Partial<Record<ServiceName, number>> = {},
): Partial<Record<ServiceName, number>> {
  return Object.fromEntries(services.map((name) => [name, instances[name] ?? 1]));
}

function stackHandle(
  urls: Pick<
    MnemoStack,
    | 'baseUrl'
    | 'mysqlUrl'
    | 'database'
    | 'natsUrl'
    | 'natsUserUrls'
    | 'natsMonitorUrl'
    | 'natsCluster'
  >,
  fleet: ServiceFleet,
  stop: () => Promise<void>,
): MnemoStack {
  return {
    ...urls,
    service: (name, index = 0) => fleet.get(name, index),
    kill: async (name, index) => {
      await fleet.kill(name, index);
    },
    restart: (name, index = 0) => fleet.restart(name, index),
    start: async (name, startOptions = {}) => {
      const service = fleet.spawn(name, startOptions);
      await service.ready;
      return service;
    },
    stop,
  };
}
