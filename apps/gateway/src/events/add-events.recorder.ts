import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { memoryAddCompletedContract, memoryAddStartedContract, streams } from '@mnemo/contracts';
import { JobQueue } from '@mnemo/messaging';
import type { Logger } from '@mnemo/observability';
import { LOGGER } from '@mnemo/service-kit';
import { AddEventsRepository } from './add-events.repository';

// A record is retried for about 45 minutes (MariaDB down or restarting); only then is it given
// up on, which the logs and `mnemo_jobs_handled_total{outcome="failed"}` show. Giving up loses
// the status alone: the memories it reports were committed before the message was sent.
const RETRY_MS = 1000;

const recordOptions = {
  stream: streams.addEvents,
  maxDeliver: 100,
  backoffMs: [250, 1000, 2000, 5000, 10000, 20000, 30000],
  concurrency: 32,
  ackWaitMs: 30000,
};

/**
 * Records the extractor's progress messages (`memory.add.started.v1`, `memory.add.completed.v1`)
 * in the add events, one durable consumer each, shared by every gateway instance: the records
 * need neither the extractor nor the gateway that accepted the add to be running.
 */
@Injectable()
export class AddEventsRecorder implements OnApplicationBootstrap, OnModuleDestroy {
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly jobs: JobQueue,
    private readonly events: AddEventsRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  // In the background: a gateway serves (and accepts adds) while JetStream elects a leader or the
  // stream is recreated; the messages wait on the stream meanwhile.
  onApplicationBootstrap(): void {
    this.startWhenReady(['started', 'completed']);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  private startWhenReady(left: ('started' | 'completed')[]): void {
    if (this.stopped || left.length === 0) return;
    this.start(left[0]).then(
      () => this.startWhenReady(left.slice(1)),
      (err: unknown) => {
        if (this.stopped) return;
        this.logger.warn({ err: String(err) }, 'add events recorder not ready; retrying');
        this.retry = setTimeout(() => this.startWhenReady(left), RETRY_MS);
      },
    );
  }

  private async start(which: 'started' | 'completed'): Promise<void> {
    await this.jobs.ensureStream(streams.addEvents);
    if (which === 'started') {
      await this.jobs.consume(
        memoryAddStartedContract,
        { ...recordOptions, durable: 'gateway-add-started' },
        (started) => this.events.started(started),
        () => Promise.resolve(),
      );
    } else {
      await this.jobs.consume(
        memoryAddCompletedContract,
        { ...recordOptions, durable: 'gateway-add-completed' },
        (completion) => this.events.completed(completion),
        () => Promise.resolve(),
      );
    }
  }
}
