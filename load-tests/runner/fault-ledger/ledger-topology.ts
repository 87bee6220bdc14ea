import { SERVICE_NAMES, type ServiceName } from '@mnemo/devstack';

export const LEDGER_TOPOLOGIES = ['single', 'cluster'] as const;
export type LedgerTopologyName = (typeof LEDGER_TOPOLOGIES)[number];

/** What the ledger starts and what it breaks, for one `--topology`. */
export interface LedgerTopology {
  name: LedgerTopologyName;
  /** for the log and the report */
  description: string;
  natsNodes: number;
  instances: Record<ServiceName, number>;
  /** laid over the services' environment */
  serviceEnv: Record<string, string>;
  /** the services whose first instance is SIGKILLed, in this order */
  kills: ServiceName[];
  /** the NATS fault, in words */
  natsFault: string;
}

const each = (count: number) =>
  Object.fromEntries(SERVICE_NAMES.map((name) => [name, count])) as Record<ServiceName, number>;

export function ledgerTopology(name: string): LedgerTopology {
  switch (name) {
    case 'single':
      return {
        name,
        description: 'one nats-server, one instance of each service',
        natsNodes: 1,
        instances: each(1),
        serviceEnv: {},
        // the runs in reports/fault-ledger.md left structured-data alive; kept for comparison
        kills: ['embedder', 'extractor', 'vector-store', 'webhook-dispatcher', 'gateway'],
        natsFault: 'restart NATS (stop, start on the same port and store)',
      };
    case 'cluster':
      return {
        name,
        description: '3-node NATS cluster with R3 streams, two instances of every service',
        natsNodes: 3,
        instances: each(2),
        serviceEnv: { MNEMO_JETSTREAM_REPLICAS: '3' },
        kills: [
          'embedder',
          'extractor',
          'vector-store',
          'structured-data',
          'webhook-dispatcher',
          'gateway',
        ],
        natsFault: 'restart NATS node 0 of 3 (stop, start on the same ports and store)',
      };
    default:
      throw new Error(`--topology: expected ${LEDGER_TOPOLOGIES.join(' or ')}, got "${name}"`);
  }
}

/** The gateways in turn, as a balancer without health checks spreads requests. */
export function roundRobin(urls: string[]): () => string {
  let next = 0;
  return () => urls[next++ % urls.length];
}
