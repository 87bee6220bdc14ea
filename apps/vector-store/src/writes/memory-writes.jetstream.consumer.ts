import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  addCompleted,
  memoryWriteCompletedContract,
  memoryWriteRequestedContract,
  streams,
  type DomainError,
  type MemoryWriteCommand,
} from '@mnemo/contracts';
import { JobQueue, NatsBus } from '@mnemo/messaging';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { VectorStoreConfig } from '../config/vector-store.config';
import { MemoryWritesService } from './memory-writes.service';

/** Durable consumer of write commands; announces each outcome to whoever waits for it. */
@Injectable()
export class MemoryWritesJetstreamConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobQueue,
    private readonly bus: NatsBus,
    private readonly writes: MemoryWritesService,
    @Inject(APP_CONFIG) private readonly config: VectorStoreConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.ensureStream(streams.memoryWrites);
    await this.jobs.consume(
      memoryWriteRequestedContract,
      {
        stream: streams.memoryWrites,
        durable: 'vector-store-writes',
        maxDeliver: this.config.MNEMO_WRITE_MAX_DELIVER,
        backoffMs: [250, 1000, 2000, 5000, 10000, 30000],
        concurrency: this.config.MNEMO_WRITE_CONCURRENCY,
        // Held commands are kept alive by heartbeats, so a short wait only matters when the
        // instance holding them dies: another applies them ~10 s later, within a sync add's wait.
        ackWaitMs: 10000,
      },
      (command) => this.handle(command),
      (command, error) => this.failed(command, error),
    );
  }

  private async handle(command: MemoryWriteCommand): Promise<void> {
    const results = await this.writes.apply(command);
    this.bus.publish(memoryWriteCompletedContract, addCompleted(command, results));
  }

  private failed(command: MemoryWriteCommand, error: DomainError): Promise<void> {
    this.bus.publish(memoryWriteCompletedContract, addCompleted(command, [], error.toBody()));
    return Promise.resolve();
  }
}
