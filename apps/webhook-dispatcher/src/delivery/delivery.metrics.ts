import { Counter, Histogram, type Registry } from 'prom-client';
import type { WebhookDeliveryStatus } from '@mnemo/contracts';

/**
 * What one delivery attempt came to: `succeeded` (2xx), `retry` (failed, tried again later),
 * `dead` (failed, no retry left), `failed` (refused target, 410, disabled or deleted webhook) or
 * `deferred` (not sent now: the target is busy or its circuit is open).
 */
export type DeliveryOutcome = 'succeeded' | 'retry' | 'dead' | 'failed' | 'deferred';

export type DeliveryRecorder = (outcome: DeliveryOutcome, latencyMs?: number | null) => void;

const outcomeOf: Record<WebhookDeliveryStatus, DeliveryOutcome> = {
  succeeded: 'succeeded',
  pending: 'retry',
  dead: 'dead',
  failed: 'failed',
};

/** The outcome a recorded attempt's new status stands for. */
export function deliveryOutcome(status: WebhookDeliveryStatus): DeliveryOutcome {
  return outcomeOf[status];
}

/** `mnemo_webhook_deliveries_total{outcome}` and the targets' answer time, per outcome. */
export function deliveryMetrics(registry: Registry): DeliveryRecorder {
  const deliveries = new Counter({
    name: 'mnemo_webhook_deliveries_total',
    help: 'Webhook delivery attempts, by outcome (succeeded, retry, dead, failed, deferred)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'mnemo_webhook_delivery_seconds',
    help: 'Time a webhook target took to answer one delivery, by outcome',
    labelNames: ['outcome'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return (outcome, latencyMs) => {
    deliveries.inc({ outcome });
    if (typeof latencyMs === 'number') latency.observe({ outcome }, latencyMs / 1000);
  };
}
