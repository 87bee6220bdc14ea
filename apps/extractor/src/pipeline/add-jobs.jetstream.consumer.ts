import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  addCompleted,
  addRequestedContract,
  DomainError,
  memoryAddCompletedContract,
  streams,
  type AddJob,
  type AddResult,
} from '@mnemo/contracts';
import { FairLimiter, JobQueue, NatsBus } from '@mnemo/messaging';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { ExtractorConfig } from '../config/extractor.config';
import { AddEventsRepository } from '../events/add-events.repository';
import { AddPipelineService } from './add-pipeline.service';
import { ExtractorMetrics } from './extractor.metrics';
import { KeyedMutex } from './keyed-mutex';
import { countLlmCalls } from './llm-call.tally';
import { toDomainError } from './provider-errors';

const durable = 'extractor-add-jobs';

/**
 * Durable add jobs, many at once: each scope's in the order they were delivered, each project
 * within its share of the running slots; retried with backoff, failures announced. Back-pressure:
 * at most MNEMO_EXTRACT_MAX_HELD jobs are taken from JetStream per instance and at most
 * MNEMO_EXTRACT_MAX_ACK_PENDING over all, so a slow LLM leaves the backlog on the stream.
 */
@Injectable()
export class AddJobsJetstreamConsumer implements OnApplicationBootstrap {
  private readonly scopes = new KeyedMutex();
  private readonly slots: FairLimiter;
  private held = 0;

  constructor(
    private readonly jobs: JobQueue,
    private readonly bus: NatsBus,
    private readonly pipeline: AddPipelineService,
    private readonly events: AddEventsRepository,
    private readonly metrics: ExtractorMetrics,
    @Inject(APP_CONFIG) private readonly config: ExtractorConfig,
  ) {
    this.slots = new FairLimiter({
      concurrency: config.MNEMO_EXTRACT_CONCURRENCY,
      perKey: config.MNEMO_EXTRACT_CONCURRENCY_PER_PROJECT,
      maxQueuedPerKey: Number.POSITIVE_INFINITY,
      // A running add mostly waits on the LLM and other services: resting would only idle its slot.
      restAfterTask: config.MNEMO_LLM_PROVIDER !== 'openai',
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.ensureStream(streams.addJobs);
    this.metrics.watch({
      running: () => this.slots.stats().running,
      held: () => this.held,
      backlog: () => this.jobs.consumerLag(streams.addJobs, durable).catch(() => undefined),
    });
    await this.jobs.consume(
      addRequestedContract,
      {
        stream: streams.addJobs,
        durable,
        maxDeliver: this.config.MNEMO_EXTRACT_MAX_DELIVER,
        // About four minutes of retries in all: longer than a restart of any service it needs.
        backoffMs: [1000, 2000, 5000, 15000, 30000, 60000, 120000],
        // Jobs held, not running: a scope's later adds wait here without taking a running slot.
        concurrency: Math.max(
          this.config.MNEMO_EXTRACT_MAX_HELD,
          this.config.MNEMO_EXTRACT_CONCURRENCY,
        ),
        maxAckPending: this.config.MNEMO_EXTRACT_MAX_ACK_PENDING,
        ackWaitMs: 120000,
      },
      (job) => this.handle(job),
      async (job, error) => {
        await this.events.finish(job, 'FAILED', [], error.toBody());
        this.announce(job, [], error);
      },
    );
  }

  // Called in delivery order: the scope's place in line is taken before anything is awaited.
  private async handle(job: AddJob): Promise<void> {
    this.held += 1;
    try {
      await this.scopes.run(scopeKey(job), () =>
        this.slots.run(job.projectId, () => this.process(job)),
      );
    } finally {
      this.held -= 1;
    }
  }

  private async process(job: AddJob): Promise<void> {
    const final = await this.events.markRunning(job);
    if (final) {
      // Delivered again after its outcome was recorded: tell waiters that outcome, run nothing.
      const error = final.error ? DomainError.fromBody(final.error) : undefined;
      this.announce(job, final.results, error);
      return;
    }
    const { value: results, calls } = await countLlmCalls(async () => {
      try {
        return await this.pipeline.run(job);
      } catch (err) {
        throw toDomainError(err);
      }
    });
    this.metrics.addDone(calls);
    await this.events.finish(job, 'SUCCEEDED', results);
    this.announce(job, results);
  }

  private announce(job: AddJob, results: AddResult[], error?: DomainError): void {
    this.bus.publish(memoryAddCompletedContract, addCompleted(job, results, error?.toBody()));
  }
}

function scopeKey(job: AddJob): string {
  const { userId, agentId, appId, runId } = job.scope;
  return [job.projectId, userId, agentId, appId, runId].map((part) => part ?? '').join('\u0000');
}
