import { join } from 'node:path';
import { findRunningMariaDb, startMariaDb, stopMariaDb, type ServerHandle } from './mariadb.server';
import { provisionLocalAccounts, type ServiceMysqlUrls } from './mysql-provisioning';
import {
  findRunningNats,
  loopbackNatsAuth,
  serviceNatsUrls,
  startNats,
  stopNats,
  type NatsPermissionsOf,
} from './nats.server';
import { mariaDbPaths, type Durability } from './server-args';
import type { StackLog } from './process-tools';
import { findOrInstallServers } from './server-binaries';
import type { SupervisedServer } from './server-supervisor';
import type { ServiceName } from './service-names';

// The MariaDB and NATS that `npm start`, `npm run stack` and `npm test` run under a data dir:
// started, found, stopped and located here only.

export interface LocalStackStatus {
  mysql: { pid: number; port: number } | undefined;
  nats: { pid: number; port: number } | undefined;
}

export interface ServersRequest {
  dataDir: string;
  mysqlPort: number;
  natsPort: number;
  pathEnv: string;
  /** Servers the user already runs; only the missing ones are started. */
  mysqlUrl?: string;
  natsUrl?: string;
  background?: boolean;
  durability?: Durability;
  /**
   * Our NATS gets a user per service with these permissions (`natsPermissions` from
   * `@mnemo/contracts`), and RunningServers.natsUserUrls; without them it has no users.
   */
  natsUsers?: NatsPermissionsOf;
  log?: StackLog;
}

export interface RunningServers {
  /** Root's URL (with its password) on our MariaDB, or the user's own URL. */
  mysqlUrl: string;
  natsUrl: string;
  /** Each service's MNEMO_NATS_URL with its own user, when our NATS was started with users. */
  natsUserUrls?: Record<ServiceName, string>;
  /** Where our MariaDB keeps root's and the service accounts' passwords (mode 0600). */
  credentialsFile: string | undefined;
  /** Our servers (not the user's own), each with how to start it again in place. */
  supervised: SupervisedServer[];
  /** Stops the servers this call started (reused or external ones keep running). */
  stop(): Promise<void>;
}

/** MariaDB and NATS for Mnemo: the user's own when their URLs are set, else ours under dataDir. */
export async function ensureServers(request: ServersRequest): Promise<RunningServers> {
  if (request.mysqlUrl && request.natsUrl) {
    return {
      mysqlUrl: request.mysqlUrl,
      natsUrl: request.natsUrl,
      credentialsFile: undefined,
      supervised: [],
      stop: () => Promise.resolve(),
    };
  }
  const binaries = await findOrInstallServers({ pathEnv: request.pathEnv, log: request.log });
  const paths = localStackPaths(request.dataDir);
  const common = { binaries, background: request.background, log: request.log };
  const supervised: SupervisedServer[] = [];
  const auth =
    request.natsUsers && !request.natsUrl
      ? await loopbackNatsAuth(paths.nats, request.natsUsers)
      : undefined;
  const track = async (name: string, start: () => Promise<ServerHandle>) => {
    const server = { name, handle: await start(), start };
    supervised.push(server);
    return server.handle.url;
  };
  // The current handles: a server the supervisor restarted is stopped too.
  const stop = () =>
    Promise.all(supervised.filter((s) => !s.handle.reused).map((s) => s.handle.stop())).then(
      () => undefined,
    );
  try {
    const [mysqlUrl, natsUrl] = await Promise.all([
      request.mysqlUrl ??
        track('MariaDB', () =>
          startMariaDb({
            ...common,
            dataDir: paths.mariadb,
            port: request.mysqlPort,
            durability: request.durability,
          }),
        ),
      request.natsUrl ??
        track('NATS', () =>
          startNats({ ...common, dataDir: paths.nats, port: request.natsPort, auth }),
        ),
    ]);
    const credentialsFile = request.mysqlUrl ? undefined : mariaDbPaths(paths.mariadb).credentials;
    const natsUserUrls = auth && serviceNatsUrls(natsUrl, auth);
    return { mysqlUrl, natsUrl, natsUserUrls, credentialsFile, supervised, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Each service's own least-privilege URL on our MariaDB; undefined when the user brings their
 * own MNEMO_MYSQL_URL, which every service then uses as given (see deploy/README.md).
 */
export async function localServiceMysqlUrls(
  servers: RunningServers,
): Promise<ServiceMysqlUrls | undefined> {
  if (!servers.credentialsFile) return undefined;
  return provisionLocalAccounts(servers.mysqlUrl, servers.credentialsFile);
}

/** Stops whatever servers are recorded under the data dir; says which ones were running. */
export async function stopLocalStack(dataDir: string): Promise<{ mysql: boolean; nats: boolean }> {
  const paths = localStackPaths(dataDir);
  const [mysql, nats] = await Promise.all([stopMariaDb(paths.mariadb), stopNats(paths.nats)]);
  return { mysql, nats };
}

export async function localStackStatus(dataDir: string): Promise<LocalStackStatus> {
  const paths = localStackPaths(dataDir);
  const [mysql, nats] = await Promise.all([
    findRunningMariaDb(paths.mariadb),
    findRunningNats(paths.nats),
  ]);
  return { mysql, nats };
}

export function localStackPaths(dataDir: string) {
  return {
    mariadb: join(dataDir, 'mariadb'),
    nats: join(dataDir, 'nats'),
    logs: join(dataDir, 'logs'),
  };
}
