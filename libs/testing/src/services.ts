import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createDatabase,
  dropDatabase,
  dropServiceAccounts,
  freePort,
  provisionServiceAccounts,
  randomServicePasswords,
  adminNatsUrl,
  SERVICE_NAMES,
  ServiceFleet,
  serviceNatsUrls,
  uniqueDatabaseName,
  waitForHttpOk,
  type NatsAuth,
  type NatsClusterHandle,
  type ServiceMysqlUrls,
  type ServiceName,
  type ServiceProcess,
} from '@mnemo/devstack';
import { startOwnNats } from './services/own-nats';
import { startOwnNatsCluster } from './services/own-nats-cluster';

export { waitForJetStream } from './services/own-nats-cluster';
import { loadTestStackConfig, type TestStackConfig } from './services/test-stack.config';

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
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const mysqlUrl = await createDatabase(config.mysqlServerUrl, database);
    cleanups.push(() => dropDatabase(config.mysqlServerUrl, database));
    // The services run on the accounts deploy/ creates, so the suites prove those grants.
    cleanups.push(() => dropServiceAccounts(config.mysqlServerUrl, database));
    const mysqlUrls = await provisionServiceAccounts(
      config.mysqlServerUrl,
      database,
      randomServicePasswords(),
    );
    const nats = await suiteNats(config, options, cleanups);
    const httpPort = await freePort();
    const urls = { mysql: mysqlUrls, nats: nats.natsUserUrls };
    const fleet = await createFleet(config, database, readyTimeoutMs, urls, {
      ...options.env,
      MNEMO_NATS_URL: nats.natsUrl,
      MNEMO_HTTP_PORT: String(httpPort),
    });
    cleanups.push(() => fleet.stopAll());
    await fleet.startAll(instanceCounts(services, options.instances));
    const baseUrl = `http://127.0.0.1:${httpPort}`;
    if (options.waitForHealth ?? services.length === SERVICE_NAMES.length) {
      await waitForHttpOk(`${baseUrl}/health`, readyTimeoutMs, () => fleet.exitedError());
    }
    return stackHandle({ baseUrl, mysqlUrl, database, ...nats }, fleet, stop);
  } catch (error) {
    await stop();
    throw error;
  }
}

type SuiteNats = Pick<MnemoStack, 'natsUrl' | 'natsUserUrls' | 'natsMonitorUrl' | 'natsCluster'>;

/** The suite's own NATS (a cluster with `natsNodes`), with its users; or the shared one. */
async function suiteNats(
  config: TestStackConfig,
  options: StartMnemoOptions,
  cleanups: (() => Promise<void>)[],
): Promise<SuiteNats> {
  const auth = options.busAuth ?? true;
  if (options.natsNodes) {
    const cluster = await startOwnNatsCluster(
      config.pathEnv,
      config.dataDir,
      options.natsNodes,
      auth,
    );
    cleanups.push(() => cluster.stop());
    return { ...withUsers(cluster.url, cluster.auth), natsCluster: cluster };
  }
  if (!(options.ownNats ?? true)) {
    if (!config.sharedNatsUrl)
      throw new Error('startMnemo: MNEMO_NATS_URL is not set: run `npm test`');
    return { natsUrl: config.sharedNatsUrl };
  }
  const nats = await startOwnNats(config.pathEnv, config.dataDir, auth);
  cleanups.push(() => nats.stop());
  return { ...withUsers(nats.url, nats.auth), natsMonitorUrl: nats.monitorUrl };
}

function withUsers(url: string, auth: NatsAuth | undefined): SuiteNats {
  if (!auth) return { natsUrl: url };
  return { natsUrl: adminNatsUrl(url, auth), natsUserUrls: serviceNatsUrls(url, auth) };
}

async function createFleet(
  config: TestStackConfig,
  database: string,
  readyTimeoutMs: number,
  urls: { mysql: ServiceMysqlUrls; nats?: Record<ServiceName, string> },
  env: Record<string, string>,
) {
  const logDir = config.dataDir ? join(config.dataDir, 'logs', database) : undefined;
  if (logDir) await mkdir(logDir, { recursive: true });
  return new ServiceFleet({
    workspaceRoot: config.workspaceRoot,
    env: {
      ...config.baseEnv,
      MNEMO_METRICS_PORT: '0',
      MNEMO_MODEL_DIR: config.modelDir,
      MNEMO_LOG_LEVEL: 'info',
      ...env,
    },
    mysqlUrls: urls.mysql,
    natsUrls: urls.nats,
    echo: config.echo ?? false,
    readyTimeoutMs,
    logDir,
  });
}

function instanceCounts(
  services: ServiceName[],
  instances: Partial<Record<ServiceName, number>> = {},
): Partial<Record<ServiceName, number>> {
  return Object.fromEntries(services.map((name) => [name, instances[name] ?? 1]));
}

function stackHandle(
  urls: Pick<MnemoStack, 'baseUrl' | 'mysqlUrl' | 'database'> & SuiteNats,
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
