import { Module } from '@nestjs/common';
import { streams } from '@mnemo/contracts';
import { APP_CONFIG, ServiceRuntime } from '@mnemo/service-kit';
import type { WebhookDispatcherConfig } from '../config/webhook-dispatcher.config';
import { SsrfModule } from '../ssrf/ssrf.module';
import { TargetGuard } from '../ssrf/target-guard';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { WebhooksRepository } from '../subscriptions/webhooks.repository';
import { DeliveriesNatsHandler } from './deliveries.nats.handler';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryFanOut } from './delivery-fan-out';
import { DeliveryWorker } from './delivery.worker';
import { deliveryMetrics } from './delivery.metrics';
import { dispatcherDurable, MemoryEventsConsumer } from './memory-events.consumer';
import { WebhookSender } from './webhook.sender';

/** Memory events in, signed webhook calls out: consumer, delivery log, worker and its routes. */
@Module({
  imports: [SubscriptionsModule, SsrfModule],
  providers: [
    DeliveriesRepository,
    {
      provide: DeliveryWorker,
      inject: [DeliveriesRepository, WebhooksRepository, TargetGuard, APP_CONFIG, ServiceRuntime],
      useFactory: (
        deliveries: DeliveriesRepository,
        webhooks: WebhooksRepository,
        guard: TargetGuard,
        config: WebhookDispatcherConfig,
        runtime: ServiceRuntime,
      ) =>
        new DeliveryWorker(
          deliveries,
          webhooks,
          new WebhookSender(guard),
          runtime.logger,
          {
            pollMs: config.MNEMO_WEBHOOK_POLL_MS,
            leaseMs: config.MNEMO_WEBHOOK_LEASE_MS,
            timeoutMs: config.MNEMO_WEBHOOK_TIMEOUT_MS,
            retryScheduleMs: config.MNEMO_WEBHOOK_RETRY_SCHEDULE_MS,
            maxConsecutiveFailures: config.MNEMO_WEBHOOK_MAX_CONSECUTIVE_FAILURES,
            concurrency: config.MNEMO_WEBHOOK_CONCURRENCY,
            perTargetConcurrency: config.MNEMO_WEBHOOK_PER_TARGET_CONCURRENCY,
            rotationGraceMs: config.MNEMO_WEBHOOK_ROTATION_GRACE_MS,
          },
          deliveryMetrics(runtime.metrics.registry),
        ),
    },
    {
      provide: MemoryEventsConsumer,
      inject: [WebhooksRepository, DeliveriesRepository, DeliveryWorker, ServiceRuntime],
      useFactory: (
        webhooks: WebhooksRepository,
        deliveries: DeliveriesRepository,
        worker: DeliveryWorker,
        runtime: ServiceRuntime,
      ) => {
        runtime.jobs.watchConsumer(streams.memoryEvents, dispatcherDurable);
        return new MemoryEventsConsumer(
          runtime.jobs,
          new DeliveryFanOut(webhooks, deliveries, () => worker.wake()),
          runtime.logger,
          { ackWaitMs: 30_000, retryMs: 1000 },
        );
      },
    },
    DeliveriesNatsHandler,
  ],
})
export class DeliveryModule {}
