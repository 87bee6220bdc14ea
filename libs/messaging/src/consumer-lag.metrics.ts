import { Gauge, type Registry } from 'prom-client';

export interface ConsumerBacklog {
  pending: number;
  ackPending: number;
  redelivered: number;
}

export type ReadBacklog = (stream: string, durable: string) => Promise<ConsumerBacklog>;

interface Watched {
  stream: string;
  durable: string;
  read: ReadBacklog;
}

// One gauge per registry, fed by every queue of the process that watches a consumer.
const watchedByRegistry = new WeakMap<Registry, Map<string, Watched>>();

/**
 * Reports a durable consumer in `mnemo_jetstream_consumer_messages{stream, consumer, state}`: its
 * pending (not yet delivered), ack_pending (delivered, not done) and redelivered (handed out again,
 * not yet done) messages, read from the server when Prometheus scrapes. Every instance reports the
 * same consumer, so dashboards take the max over instances.
 */
export function watchConsumerLag(
  registry: Registry,
  stream: string,
  durable: string,
  read: ReadBacklog,
): void {
  let watched = watchedByRegistry.get(registry);
  if (!watched) {
    watched = new Map();
    watchedByRegistry.set(registry, watched);
    registerGauge(registry, watched);
  }
  watched.set(`${stream}\u0000${durable}`, { stream, durable, read });
}

function registerGauge(registry: Registry, watched: Map<string, Watched>): void {
  new Gauge({
    name: 'mnemo_jetstream_consumer_messages',
    help: 'Messages of each durable JetStream consumer: pending (not yet delivered), ack_pending (delivered, not done), redelivered (delivered again, not done)',
    labelNames: ['stream', 'consumer', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        [...watched.values()].map(async ({ stream, durable, read }) => {
          // A consumer not created yet (or NATS away for a moment) is left out of this scrape.
          const backlog = await read(stream, durable).catch(() => undefined);
          if (!backlog) return;
          const labels = { stream, consumer: durable };
          this.set({ ...labels, state: 'pending' }, backlog.pending);
          this.set({ ...labels, state: 'ack_pending' }, backlog.ackPending);
          this.set({ ...labels, state: 'redelivered' }, backlog.redelivered);
        }),
      );
    },
  });
}
