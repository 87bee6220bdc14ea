import { join } from 'node:path';
import { natsPermissions } from '@mnemo/contracts';
import {
  adminNatsUrl,
  createDatabase,
  dropDatabase,
  dropServiceAccounts,
  findOrInstallServers,
  freePort,
  isPortOpen,
  loopbackNatsAuth,
  provisionServiceAccounts,
  randomServicePasswords,
  serviceNatsUrls,
  startMariaDb,
  startNats,
  startNatsCluster,
  type NatsAuth,
  type NatsClusterHandle,
  type ServerBinaries,
  type ServiceMysqlUrls,
  type ServiceName,
} from '@mnemo/devstack';
import { natsServerBinary } from './services/own-nats';
import { waitForJetStream } from './services/own-nats-cluster';

// The servers under an isolated stack: its database (on a given server or a MariaDB of its own)
// and its bus (a given NATS, or a nats-server or cluster of its own, with a user per service).

export type Cleanup = () => Promise<unknown>;

export interface ServerOptions {
  /** The stack's own dir: its MariaDB under `mariadb/`, its NATS under `nats/`. */
  dir: string;
  pathEnv: string;
  /** Install missing server binaries (as `npm start` does); else only find them. */
  installServers?: boolean;
  /** A server to hold a fresh database of the stack's own; else a MariaDB is started. */
  mysql?: { serverUrl: string; database: string };
  keepData?: boolean;
  /** A running NATS to use as it is (no users); else one is started. */
  natsUrl?: string;
  /** Start a NATS cluster of this many nodes instead of one nats-server. */
  natsCluster?: number;
  /** A NATS user per service, each service connecting as its own (default true). */
  natsUsers?: boolean;
  /** Serve a single nats-server's monitoring endpoints on a port of their own. */
  natsMonitor?: boolean;
  log?: (line: string) => void;
}

export interface StackDatabase {
  /** An admin URL of the stack's database. */
  adminUrl: string;
  name: string;
  /** Each service's least-privilege account on it. */
  serviceUrls: ServiceMysqlUrls;
  /** Where the server listens. */
  host: string;
  port: number;
  /** The MariaDB the stack started, if it started one. */
  pid: number | undefined;
  /** Stops the stack's own MariaDB and starts it on the same port and data; undefined otherwise. */
  restart: (() => Promise<void>) | undefined;
}

export interface StackBus {
  /** The server's URL(s), comma-separated on a cluster, without credentials. */
  url: string;
  /** With users: the admin's URL (clients sending no credentials are taken for the admin too). */
  adminUrl?: string;
  /** With users: each service's MNEMO_NATS_URL, carrying its own user. */
  userUrls?: Record<ServiceName, string>;
  monitorUrl?: string;
  cluster?: NatsClusterHandle;
  /** The nats-server processes the stack started. */
  processes: { name: string; pid: number }[];
  /** Stops node `node` (the only one without a cluster), starts it on the same port and store. */
  restart(node?: number): Promise<void>;
}

type Binaries = Partial<ServerBinaries>;

/** The server binaries the stack needs; none when it starts no server. */
export async function stackBinaries(options: ServerOptions): Promise<Binaries> {
  if (options.mysql && options.natsUrl) return {};
  if (options.installServers) {
    return findOrInstallServers({ pathEnv: options.pathEnv, log: options.log });
  }
  if (!options.mysql) throw new Error('startMnemo: a MariaDB of its own needs installServers');
  return { natsServer: await natsServerBinary(options.pathEnv) };
}

/** A database of the stack's own and the services' least-privilege accounts on it. */
export async function startDatabase(
  options: ServerOptions,
  binaries: Binaries,
  cleanups: Cleanup[],
): Promise<StackDatabase> {
  const server = options.mysql
    ? await freshDatabase(options.mysql, options.keepData, cleanups)
    : await ownMariaDb(options, binaries, cleanups);
  const { pathname, hostname, port } = new URL(server.adminUrl);
  const name = pathname.slice(1);
  // The services run on the accounts deploy/ creates, so the stack proves those grants.
  cleanups.push(() => dropServiceAccounts(server.adminUrl, name));
  const serviceUrls = await provisionServiceAccounts(
    server.adminUrl,
    name,
    randomServicePasswords(),
  );
  return { ...server, name, serviceUrls, host: hostname, port: Number(port) };
}

async function freshDatabase(
  mysql: { serverUrl: string; database: string },
  keepData: boolean | undefined,
  cleanups: Cleanup[],
) {
  const adminUrl = await createDatabase(mysql.serverUrl, mysql.database);
  if (!keepData) cleanups.push(() => dropDatabase(mysql.serverUrl, mysql.database));
  return { adminUrl, pid: undefined, restart: undefined };
}

async function ownMariaDb(options: ServerOptions, binaries: Binaries, cleanups: Cleanup[]) {
  const { mariadbd, mariadbInstallDb } = binaries;
  if (!mariadbd || !mariadbInstallDb) throw new Error('MariaDB binaries were not found');
  const port = await freePort();
  const launch = () =>
    startMariaDb({
      dataDir: join(options.dir, 'mariadb'),
      port,
      binaries: { mariadbd, mariadbInstallDb },
      log: options.log,
    });
  let mariadb = await launch();
  cleanups.push(() => mariadb.stop());
  return {
    adminUrl: mariadb.url,
    pid: mariadb.pid,
    restart: async () => {
      await mariadb.stop();
      mariadb = await launch();
    },
  };
}

/** The given NATS, or one nats-server or a cluster whose JetStream has elected its leader. */
export async function startBus(
  options: ServerOptions,
  binaries: Binaries,
  cleanups: Cleanup[],
): Promise<StackBus> {
  if (options.natsUrl) {
    return { url: options.natsUrl, processes: [], restart: () => Promise.reject(notOurs()) };
  }
  const { natsServer } = binaries;
  if (!natsServer) throw new Error('nats-server was not found');
  const dataDir = join(options.dir, 'nats');
  const auth =
    (options.natsUsers ?? true) ? await loopbackNatsAuth(dataDir, natsPermissions) : undefined;
  const started = { dataDir, binaries: { natsServer }, log: options.log, auth };
  const bus = options.natsCluster
    ? await startCluster(started, options.natsCluster, cleanups)
    : await startServer(started, options.natsMonitor ?? false, cleanups);
  return { ...bus, ...(auth ? withUsers(bus.url, auth) : {}) };
}

interface NatsStart {
  dataDir: string;
  binaries: { natsServer: string };
  log?: (line: string) => void;
  auth: NatsAuth | undefined;
}

async function startCluster(start: NatsStart, nodes: number, cleanups: Cleanup[]) {
  const cluster = await startNatsCluster({ ...start, nodes });
  cleanups.push(() => cluster.stop());
  await waitForJetStream(cluster.url);
  return {
    url: cluster.url,
    cluster,
    processes: cluster.nodes.map((node) => ({ name: node.serverName, pid: node.pid })),
    restart: async (node = 0) => {
      await cluster.nodes[node].stop();
      cluster.nodes[node] = await cluster.nodes[node].start();
    },
  };
}

async function startServer(start: NatsStart, monitor: boolean, cleanups: Cleanup[]) {
  const port = await freePort();
  // Two free ports asked in a row may be the same one (neither is bound yet).
  let monitorPort = monitor ? await freePort() : undefined;
  while (monitorPort === port) monitorPort = await freePort();
  const launch = () => startNats({ ...start, port, monitorPort });
  let nats = await launch();
  cleanups.push(() => nats.stop());
  return {
    url: nats.url,
    monitorUrl: nats.monitorUrl,
    processes: [{ name: 'nats-server', pid: nats.pid }],
    restart: async () => {
      await nats.stop();
      nats = await launch();
    },
  };
}

function withUsers(url: string, auth: NatsAuth) {
  return { adminUrl: adminNatsUrl(url, auth), userUrls: serviceNatsUrls(url, auth) };
}

function notOurs(): Error {
  return new Error('the stack did not start this NATS, so it cannot restart it');
}

/**
 * A port nothing listens on, below Linux's ephemeral range (32768-60999): the kernel also hands
 * ephemeral ports to outgoing connections, and with a dozen instances connecting to MariaDB and
 * NATS one of them took a port picked there before its service could listen on it.
 */
export async function portBelowEphemeral(taken: number[]): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!taken.includes(port) && !(await isPortOpen(port))) {
      taken.push(port);
      return port;
    }
  }
}
