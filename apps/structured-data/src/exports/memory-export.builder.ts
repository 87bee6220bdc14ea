import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import type { Logger } from '@mnemo/observability';
import { APP_CONFIG, LOGGER } from '@mnemo/service-kit';
import type { JobKey } from '../background/job-leases';
import {
  leasedJobOptions,
  LeasedJobWorker,
  type LeasedJobHandler,
} from '../background/leased-job.worker';
import type { StructuredDataConfig } from '../config/structured-data.config';
import { SchemaShaper } from '../json-schema/schema-shaper';
import { MemorySource } from '../memories/memory-source';
import { MemoryExportsRepository } from './memory-exports.repository';

/** Builds queued exports in the background: read the memories, fill the schema, store the result. */
@Injectable()
export class MemoryExportBuilder
  implements LeasedJobHandler, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly worker: LeasedJobWorker;

  constructor(
    private readonly repository: MemoryExportsRepository,
    private readonly source: MemorySource,
    private readonly shaper: SchemaShaper,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) config: StructuredDataConfig,
  ) {
    this.worker = new LeasedJobWorker(
      repository.leases,
      this,
      leasedJobOptions('memory-exports', config),
      logger,
    );
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  /** Starts building a just-queued export on this instance. */
  kick(key: JobKey): void {
    void this.worker.kick(key);
  }

  async run(key: JobKey): Promise<void> {
    const row = await this.repository.find(key);
    if (!row || row.status !== 'RUNNING') return;
    const started = performance.now();
    const { memories, scope, truncated } = await this.source.collect(key.projectId, row.filters);
    const shaped = await this.shaper.shape(
      row.schema,
      { memories, scope, now: new Date() },
      row.exportInstructions ?? undefined,
    );
    await this.repository.complete(key, shaped.value, shaped.problems ?? null);
    this.logger.info(
      {
        exportId: key.id,
        projectId: key.projectId,
        memories: memories.length,
        truncated,
        via: shaped.via,
        ms: Math.round(performance.now() - started),
      },
      'memory export built',
    );
  }

  fail(key: JobKey, error: string): Promise<void> {
    return this.repository.fail(key, error);
  }
}
