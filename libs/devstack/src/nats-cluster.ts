import { join } from 'node:path';
import { startNats, type StartNatsOptions } from './nats.server';
import type { ServerHandle } from './mariadb.server';
import { freePort } from './ports';
import type { NatsClusterNode } from './server-args';

export interface StartNatsClusterOptions extends Pick<
  StartNatsOptions,
  'binaries' | 'background' | 'log' | 'timeoutMs' | 'auth'
> {
  /** Each node keeps its files under `<dataDir>/node-<i>`. */
  dataDir: string;
  /** 3 for replicated streams (R3); JetStream needs a majority of nodes to elect a leader. */
  nodes: number;
  clusterName?: string;
}

export interface NatsClusterHandle {
  /** Every node's client URL, comma-separated: what MNEMO_NATS_URL takes. */
  url: string;
  nodes: ClusterNodeHandle[];
  stop(): Promise<void>;
}

export interface ClusterNodeHandle extends ServerHandle {
  serverName: string;
  /** Starts the node again (same ports, same store) after it was stopped or killed. */
  start(): Promise<ClusterNodeHandle>;
}

/** Starts a NATS cluster with JetStream on loopback, one nats-server per node. */
export async function startNatsCluster(
  options: StartNatsClusterOptions,
): Promise<NatsClusterHandle> {
  const clusterName = options.clusterName ?? 'mnemo';
  const clientPorts = await distinctFreePorts(options.nodes);
  const routePorts = await distinctFreePorts(options.nodes, clientPorts);
  const nodes: ClusterNodeHandle[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
  };
  try {
    // Nodes start together: each waits only for its own client port, the routes form meanwhile.
    const started = await Promise.all(
      clientPorts.map((port, index) =>
        startNode(options, port, {
          clusterName,
          serverName: `${clusterName}-${index}`,
          routePort: routePorts[index],
          peerRoutePorts: routePorts.filter((_, peer) => peer !== index),
        }),
      ),
    );
    nodes.push(...started);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: clientPorts.map((port) => `nats://127.0.0.1:${port}`).join(','),
    nodes,
    stop,
  };
}

async function startNode(
  options: StartNatsClusterOptions,
  port: number,
  cluster: NatsClusterNode,
): Promise<ClusterNodeHandle> {
  const server = await startNats({
    dataDir: join(options.dataDir, `node-${cluster.serverName}`),
    port,
    binaries: options.binaries,
    background: options.background,
    log: options.log,
    timeoutMs: options.timeoutMs,
    auth: options.auth,
    cluster,
  });
  return {
    ...server,
    serverName: cluster.serverName,
    start: () => startNode(options, port, cluster),
  };
}

async function distinctFreePorts(count: number, taken: number[] = []): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await freePort();
    if (!ports.includes(port) && !taken.includes(port)) ports.push(port);
  }
  return ports;
}
