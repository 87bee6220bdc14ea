import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, ServiceRuntime } from '@mnemo/service-kit';
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
      inject: [DataSource, ServiceRuntime],
      useFactory: (dataSource: DataSource, runtime: ServiceRuntime) => {
        const repository = new OutboxRepository(dataSource, runtime.logger);
        watchOutboxLag(runtime.metrics.registry, () => repository.backlog());
        return repository;
      },
    },
    {
      provide: MemoryEventsPublisher,
      inject: [APP_CONFIG, ServiceRuntime],
      useFactory: (config: VectorStoreConfig, runtime: ServiceRuntime) =>
        MemoryEventsPublisher.connect({
          url: config.MNEMO_NATS_URL,
          name: `${runtime.service}:${runtime.instanceId}:outbox`,
          stream: {
            maxAgeMs: config.MNEMO_EVENTS_MAX_AGE_MS,
            duplicateWindowMs: config.MNEMO_EVENTS_DUPLICATE_WINDOW_MS,
            replicas: config.MNEMO_EVENTS_REPLICAS ?? config.MNEMO_JETSTREAM_REPLICAS,
          },
          publishTimeoutMs: config.MNEMO_OUTBOX_PUBLISH_TIMEOUT_MS,
          logger: runtime.logger,
        }),
    },
    {
      provide: OutboxRelay,
      inject: [
        OutboxRepository,
        MemoryEventsPublisher,
        MemoryEventsOutbox,
        APP_CONFIG,
        ServiceRuntime,
      ],
      useFactory: (
        repository: OutboxRepository,
        publisher: MemoryEventsPublisher,
        outbox: MemoryEventsOutbox,
        config: VectorStoreConfig,
        runtime: ServiceRuntime,
      ) =>
        new OutboxRelay(
          repository,
          publisher,
          outbox,
          runtime.logger,
          {
            pollMs: config.MNEMO_OUTBOX_POLL_MS,
            batchSize: config.MNEMO_OUTBOX_BATCH,
            relayDelayMs: config.MNEMO_OUTBOX_RELAY_DELAY_MS,
            retentionMs: config.MNEMO_OUTBOX_RETENTION_MS,
            maxBackoffMs: config.MNEMO_OUTBOX_MAX_BACKOFF_MS,
          },
          relayCounter(runtime.metrics.registry),
        ),
    },
  ],
  exports: [MemoryEventsOutbox],
})
export class OutboxModule {}
