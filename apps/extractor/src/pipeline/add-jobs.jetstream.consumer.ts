import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  addRequestedContract,
  DomainError,
  memoryAddCompletedContract,
  streams,
  type AddJob,
  type AddResult,
} from '@mnemo/contracts';
import { JobQueue, NatsBus } from '@mnemo/messaging';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { ExtractorConfig } from '../config/extractor.config';
import { AddEventsRepository } from '../events/add-events.repository';
import { AddPipelineService } from './add-pipeline.service';
import { KeyedMutex } from './keyed-mutex';
import { toDomainError } from './provider-errors';

/** Durable add jobs: one scope at a time per instance, retried with backoff, failures announced. */
@Injectable()
export class AddJobsJetstreamConsumer implements OnApplicationBootstrap {
  private readonly scopes = new KeyedMutex();

  constructor(
    private readonly jobs: JobQueue,
    private readonly bus: NatsBus,
    private readonly pipeline: AddPipelineService,
    private readonly events: AddEventsRepository,
    @Inject(APP_CONFIG) private readonly config: ExtractorConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.ensureStream(streams.addJobs);
    await this.jobs.consume(
      addRequestedContract,
      {
        stream: streams.addJobs,
        durable: 'extractor-add-jobs',
        maxDeliver: this.config.MNEMO_EXTRACT_MAX_DELIVER,
        backoffMs: [500, 2000, 5000, 15000, 60000],
        concurrency: this.config.MNEMO_EXTRACT_CONCURRENCY,
        ackWaitMs: 120000,
      },
      (job) => this.handle(job),
      async (job, error) => {
        await this.events.finish(job, 'FAILED', [], error.toBody());
        this.announce(job, [], error);
      },
      { keyOf: (job) => job.projectId, perKey: this.config.MNEMO_EXTRACT_CONCURRENCY_PER_PROJECT },
    );
  }

  private async handle(job: AddJob): Promise<void> {
    // Serialising per scope lets each add see the memories the previous one wrote.
    await this.events.markRunning(job);
    const results = await this.scopes.run(scopeKey(job), async () => {
      try {
        return await this.pipeline.run(job);
      } catch (err) {
        throw toDomainError(err);
      }
    });
    await this.events.finish(job, 'SUCCEEDED', results);
    this.announce(job, results);
  }

  private announce(job: AddJob, results: AddResult[], error?: DomainError): void {
    this.bus.publish(memoryAddCompletedContract, {
      eventId: job.eventId,
      projectId: job.projectId,
      occurredAt: new Date().toISOString(),
      requestId: job.requestId,
      status: error ? 'FAILED' : 'SUCCEEDED',
      results,
      error: error?.toBody(),
    });
  }
}

function scopeKey(job: AddJob): string {
  const { userId, agentId, appId, runId } = job.scope;
  return [job.projectId, userId, agentId, appId, runId].map((part) => part ?? '').join('\u0000');
}
