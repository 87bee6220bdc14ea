import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  addCompleted,
  addRequestedContract,
  finishedAddsBucket,
  memoryAddCompletedContract,
  memoryAddStartedContract,
  addEventPayload,
  streams,
  type AddCompleted,
  type AddJob,
} from '@mnemo/contracts';
import { FairLimiter, JobQueue, NatsBus, SettingsStore } from '@mnemo/messaging';
import type { Logger } from '@mnemo/observability';
import { APP_CONFIG, LOGGER } from '@mnemo/service-kit';
import type { ExtractorConfig } from '../config/extractor.config';
import { AddPipelineService } from './add-pipeline.service';
import { ExtractorMetrics } from './extractor.metrics';
import { KeyedMutex } from './keyed-mutex';
import { countLlmCalls } from './llm-call.tally';
import { toDomainError } from './provider-errors';

const durable = 'extractor-add-jobs';

// A finished job comes again only while JetStream still holds it (a lost ack, a redelivery after
// an instance died): a day covers that many times over.
const FINISHED_TTL_MS = 24 * 60 * 60 * 1000;

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
  private finished?: Promise<SettingsStore>;

  constructor(
    private readonly jobs: JobQueue,
    private readonly bus: NatsBus,
    private readonly pipeline: AddPipelineService,
    private readonly metrics: ExtractorMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
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
    await this.jobs.ensureStream(streams.addEvents);
    await this.finishedJobs();
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
        // Running jobs send heartbeats, so this only decides how soon a dead instance's jobs come back.
        ackWaitMs: 30000,
      },
      (job) => this.handle(job),
      (job, error) => this.finish(job, addCompleted(job, [], error.toBody())),
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
    const final = await (await this.finishedJobs()).get<AddCompleted>(job.eventId);
    if (final && final.projectId === job.projectId) {
      // Delivered again after its outcome was recorded: announce that outcome, run nothing.
      await this.announce(final);
      return;
    }
    this.started(job);
    const { value: results, calls } = await countLlmCalls(async () => {
      try {
        return await this.pipeline.run(job);
      } catch (err) {
        throw toDomainError(err);
      }
    });
    this.metrics.addDone(calls);
    await this.finish(job, addCompleted(job, results));
  }

  /** RUNNING in the add's event; not awaited: the completion, sent after it, stands alone too. */
  private started(job: AddJob): void {
    const started = {
      eventId: job.eventId,
      projectId: job.projectId,
      occurredAt: new Date().toISOString(),
      requestId: job.requestId,
      acceptedAt: job.occurredAt,
      eventType: 'ADD',
      payload: addEventPayload(job),
      metadata: job.metadata,
    };
    this.jobs
      .publish(memoryAddStartedContract, started, `${job.eventId}:started`)
      .catch((err: unknown) => this.logger.warn({ err }, 'could not publish an add start'));
  }

  /** The outcome is final: remembered first (a redelivery must not run it again), then announced. */
  private async finish(job: AddJob, completion: AddCompleted): Promise<void> {
    await (await this.finishedJobs()).put(job.eventId, completion);
    await this.announce(completion);
  }

  /** Durable on `MNEMO_ADD_EVENTS` (the gateway records it) before the job is acknowledged. */
  private async announce(completion: AddCompleted): Promise<void> {
    await this.jobs.publish(
      memoryAddCompletedContract,
      completion,
      `${completion.eventId}:completed`,
    );
  }

  private finishedJobs(): Promise<SettingsStore> {
    this.finished ??= SettingsStore.open(
      this.bus.connection,
      this.bus.jetStreamReplicas,
      finishedAddsBucket,
      { history: 1, ttlMs: FINISHED_TTL_MS },
    ).catch((err: unknown) => {
      this.finished = undefined;
      throw err;
    });
    return this.finished;
  }
}

function scopeKey(job: AddJob): string {
  const { userId, agentId, appId, runId } = job.scope;
  return [job.projectId, userId, agentId, appId, runId].map((part) => part ?? '').join('\u0000');
}
