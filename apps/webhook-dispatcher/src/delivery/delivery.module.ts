import { Module } from '@nestjs/common';
import { streams } from '@mnemo/contracts';
import { JobQueue } from '@mnemo/messaging';
import type { Logger, ServiceMetrics } from '@mnemo/observability';
import { APP_CONFIG, LOGGER, SERVICE_METRICS } from '@mnemo/service-kit';
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
      inject: [
        DeliveriesRepository,
        WebhooksRepository,
        TargetGuard,
        APP_CONFIG,
        LOGGER,
        SERVICE_METRICS,
      ],
      useFactory: (
        deliveries: DeliveriesRepository,
        webhooks: WebhooksRepository,
        guard: TargetGuard,
        config: WebhookDispatcherConfig,
        logger: Logger,
        metrics: ServiceMetrics,
      ) =>
        new DeliveryWorker(
          deliveries,
          webhooks,
          new WebhookSender(guard),
          logger,
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
          deliveryMetrics(metrics.registry),
        ),
    },
    {
      provide: MemoryEventsConsumer,
      inject: [WebhooksRepository, DeliveriesRepository, DeliveryWorker, JobQueue, LOGGER],
      useFactory: (
        webhooks: WebhooksRepository,
        deliveries: DeliveriesRepository,
        worker: DeliveryWorker,
        jobs: JobQueue,
        logger: Logger,
      ) => {
        jobs.watchConsumer(streams.memoryEvents, dispatcherDurable);
        return new MemoryEventsConsumer(
          jobs,
          new DeliveryFanOut(webhooks, deliveries, () => worker.wake()),
          logger,
          { ackWaitMs: 30_000, retryMs: 1000 },
        );
      },
    },
    DeliveriesNatsHandler,
  ],
})
export class DeliveryModule {}
