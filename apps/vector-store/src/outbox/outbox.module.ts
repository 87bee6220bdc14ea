import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger, ServiceMetrics } from '@mnemo/observability';
import { APP_CONFIG, LOGGER, SERVICE_METRICS, ServiceIdentity } from '@mnemo/service-kit';
import type { VectorStoreConfig } from '../config/vector-store.config';
import { MemoryEventsOutbox } from './memory-events.outbox';
import { MemoryEventsPublisher } from './memory-events.publisher';
import { relayCounter, watchOutboxLag } from './outbox.metrics';
import { OutboxRelay } from './outbox.relay';
import { OutboxRepository } from './outbox.repository';

/** Memory events: outbox rows written with each change, relayed to JetStream after commit. */
@Module({
  providers: [
    MemoryEventsOutbox,
    {
      provide: OutboxRepository,
      inject: [DataSource, LOGGER, SERVICE_METRICS],
      useFactory: (dataSource: DataSource, logger: Logger, metrics: ServiceMetrics) => {
        const repository = new OutboxRepository(dataSource, logger);
        watchOutboxLag(metrics.registry, () => repository.backlog());
        return repository;
      },
    },
    {
      provide: MemoryEventsPublisher,
      inject: [APP_CONFIG, ServiceIdentity, LOGGER],
      useFactory: (config: VectorStoreConfig, identity: ServiceIdentity, logger: Logger) =>
        MemoryEventsPublisher.connect({
          url: config.MNEMO_NATS_URL,
          name: `${identity.service}:${identity.instanceId}:outbox`,
          stream: {
            maxAgeMs: config.MNEMO_EVENTS_MAX_AGE_MS,
            duplicateWindowMs: config.MNEMO_EVENTS_DUPLICATE_WINDOW_MS,
            replicas: config.MNEMO_EVENTS_REPLICAS ?? config.MNEMO_JETSTREAM_REPLICAS,
          },
          publishTimeoutMs: config.MNEMO_OUTBOX_PUBLISH_TIMEOUT_MS,
          logger,
        }),
    },
    {
      provide: OutboxRelay,
      inject: [
        OutboxRepository,
        MemoryEventsPublisher,
        MemoryEventsOutbox,
        APP_CONFIG,
        LOGGER,
        SERVICE_METRICS,
      ],
      useFactory: (
        repository: OutboxRepository,
        publisher: MemoryEventsPublisher,
        outbox: MemoryEventsOutbox,
        config: VectorStoreConfig,
        logger: Logger,
        metrics: ServiceMetrics,
      ) =>
        new OutboxRelay(
          repository,
          publisher,
          outbox,
          logger,
          {
            pollMs: config.MNEMO_OUTBOX_POLL_MS,
            batchSize: config.MNEMO_OUTBOX_BATCH,
            relayDelayMs: config.MNEMO_OUTBOX_RELAY_DELAY_MS,
            retentionMs: config.MNEMO_OUTBOX_RETENTION_MS,
            maxBackoffMs: config.MNEMO_OUTBOX_MAX_BACKOFF_MS,
          },
          relayCounter(metrics.registry),
        ),
    },
  ],
  exports: [MemoryEventsOutbox],
})
export class OutboxModule {}
