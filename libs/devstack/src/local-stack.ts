import { join } from 'node:path';
import { findRunningMariaDb, startMariaDb, stopMariaDb, type ServerHandle } from './mariadb.server';
import { findRunningNats, startNats, stopNats } from './nats.server';
import type { StackLog } from './process-tools';
import type { Durability } from './server-args';
import { findOrInstallServers } from './server-binaries';

export interface LocalStackOptions {
  /** MariaDB lives in `<dataDir>/mariadb`, NATS in `<dataDir>/nats`. */
  dataDir: string;
  mysqlPort: number;
  natsPort: number;
  /** The PATH to look for the server binaries on. */
  pathEnv?: string;
  background?: boolean;
  durability?: Durability;
  log?: StackLog;
}

export interface LocalStack {
  mysql: ServerHandle;
  nats: ServerHandle;
  /** Stops the servers this call started; reused ones keep running. */
  stop(): Promise<void>;
}

export interface LocalStackStatus {
  mysql: { pid: number; port: number } | undefined;
  nats: { pid: number; port: number } | undefined;
}

/** MariaDB and NATS for Mnemo under one data dir, installing the servers first if needed. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const binaries = await findOrInstallServers({ pathEnv: options.pathEnv, log: options.log });
  const paths = localStackPaths(options.dataDir);
  const common = { binaries, background: options.background, log: options.log };
  const [mysql, nats] = await Promise.all([
    startMariaDb({
      ...common,
      dataDir: paths.mariadb,
      port: options.mysqlPort,
      durability: options.durability,
    }),
    startNats({ ...common, dataDir: paths.nats, port: options.natsPort }),
  ]);
  return {
    mysql,
    nats,
    stop: async () => {
      await Promise.all([mysql, nats].filter((server) => !server.reused).map((s) => s.stop()));
    },
  };
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
