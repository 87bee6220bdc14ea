import {
  findOrInstallServers,
  localStackPaths,
  startMariaDb,
  startNats,
  type Durability,
  type ServerHandle,
} from '@mnemo/devstack';
import { say } from './console-output';

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
}

export interface RunningServers {
  mysqlUrl: string;
  natsUrl: string;
  /** Stops the servers this call started (reused or external ones keep running). */
  stop(): Promise<void>;
}

/** MariaDB and NATS for Mnemo: the user's own when their URLs are set, else ours under dataDir. */
export async function ensureServers(request: ServersRequest): Promise<RunningServers> {
  if (request.mysqlUrl && request.natsUrl) {
    return { mysqlUrl: request.mysqlUrl, natsUrl: request.natsUrl, stop: () => Promise.resolve() };
  }
  const binaries = await findOrInstallServers({ pathEnv: request.pathEnv, log: say });
  const paths = localStackPaths(request.dataDir);
  const common = { binaries, background: request.background, log: say };
  const started: ServerHandle[] = [];
  const track = (server: ServerHandle) => (started.push(server), server.url);
  const stop = () =>
    Promise.all(started.filter((s) => !s.reused).map((s) => s.stop())).then(() => undefined);
  try {
    const [mysqlUrl, natsUrl] = await Promise.all([
      request.mysqlUrl ??
        startMariaDb({
          ...common,
          dataDir: paths.mariadb,
          port: request.mysqlPort,
          durability: request.durability,
        }).then(track),
      request.natsUrl ??
        startNats({ ...common, dataDir: paths.nats, port: request.natsPort }).then(track),
    ]);
    return { mysqlUrl, natsUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
