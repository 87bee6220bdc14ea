import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { natsPermissions } from '@mnemo/contracts';
import {
  loopbackNatsAuth,
  startNatsCluster,
  waitUntil,
  type NatsAuth,
  type NatsClusterHandle,
} from '@mnemo/devstack';
import { natsServers } from '@mnemo/messaging';
import { natsServerBinary } from './own-nats';

export interface OwnNatsCluster extends NatsClusterHandle {
  /** its users, when started with `auth` */
  auth?: NatsAuth;
}

/** A fresh NATS cluster for one suite, ready for JetStream; its data removed on stop. */
export async function startOwnNatsCluster(
  pathEnv: string,
  parentDir: string | undefined,
  nodes: number,
  auth = false,
): Promise<OwnNatsCluster> {
  const natsServer = await natsServerBinary(pathEnv);
  const dataDir = await mkdtemp(join(parentDir ?? tmpdir(), 'nats-cluster-'));
  const users = auth ? await loopbackNatsAuth(dataDir, natsPermissions) : undefined;
  const cluster = await startNatsCluster({ dataDir, nodes, binaries: { natsServer }, auth: users });
  const stop = async () => {
    await cluster.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForJetStream(cluster.url);
  } catch (error) {
    await stop();
    throw error;
  }
  return { ...cluster, auth: users, stop };
}

/** Services create their streams at start; that needs the cluster's JetStream meta leader. */
export async function waitForJetStream(url: string): Promise<void> {
  const nc = await connect({ servers: natsServers(url), maxReconnectAttempts: -1 });
  try {
    // jetstreamManager() itself asks for the account info, which fails until a leader is elected.
    await waitUntil(async () => (await jetstreamManager(nc)).getAccountInfo(), {
      description: 'the NATS cluster to elect a JetStream leader',
      timeoutMs: 30_000,
      intervalMs: 200,
    });
  } finally {
    await nc.close();
  }
}
