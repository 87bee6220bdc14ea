import { join } from 'node:path';
import { findRunningMariaDb, stopMariaDb } from './mariadb.server';
import { findRunningNats, stopNats } from './nats.server';

// Where `npm start` keeps its servers' data; tools/commands/local-servers.ts starts them.

export interface LocalStackStatus {
  mysql: { pid: number; port: number } | undefined;
  nats: { pid: number; port: number } | undefined;
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
