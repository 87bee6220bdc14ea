import { Counter, Gauge, type Registry } from 'prom-client';
import type { RelayOutcome } from './outbox.relay';

export interface OutboxBacklog {
  pending: number;
  oldestAt: Date | undefined;
}

/** `mnemo_outbox_events_total{outcome}`: each event the relay handled. */
export function relayCounter(registry: Registry): (outcome: RelayOutcome) => void {
  const counter = new Counter({
    name: 'mnemo_outbox_events_total',
    help: 'Memory events the outbox relay handled, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  return (outcome) => counter.inc({ outcome });
}

/**
 * The outbox's lag, read from the table when Prometheus scrapes (one query for both gauges):
 * `mnemo_outbox_pending_events` committed and not yet published, and `mnemo_outbox_lag_seconds`,
 * the age of the oldest of them (0 when none wait). Every instance reads the same table.
 */
export function watchOutboxLag(registry: Registry, read: () => Promise<OutboxBacklog>): void {
  let last: { at: number; backlog: Promise<OutboxBacklog | undefined> } | undefined;
  const snapshot = () => {
    if (!last || Date.now() - last.at > 1000) {
      last = { at: Date.now(), backlog: read().catch(() => undefined) };
    }
    return last.backlog;
  };
  new Gauge({
    name: 'mnemo_outbox_pending_events',
    help: 'Memory events committed to the outbox and not yet published to JetStream',
    registers: [registry],
    async collect() {
      const backlog = await snapshot();
      if (backlog) this.set(backlog.pending);
    },
  });
  new Gauge({
    name: 'mnemo_outbox_lag_seconds',
    help: 'Age of the oldest memory event not yet published (0 when none waits)',
    registers: [registry],
    async collect() {
      const backlog = await snapshot();
      if (!backlog) return;
      const oldest = backlog.oldestAt?.getTime();
      this.set(oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest) / 1000));
    },
  });
}
