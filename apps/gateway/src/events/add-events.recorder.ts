import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { memoryAddCompletedContract, memoryAddStartedContract, streams } from '@mnemo/contracts';
import { JobQueue } from '@mnemo/messaging';
import { AddEventsRepository } from './add-events.repository';

// A record is retried for about 45 minutes (MariaDB down or restarting); only then is it given
// up on, which the logs and `mnemo_jobs_handled_total{outcome="failed"}` show. Giving up loses
// the status alone: the memories it reports were committed before the message was sent.
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
export class AddEventsRecorder implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobQueue,
    private readonly events: AddEventsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.ensureStream(streams.addEvents);
    await this.jobs.consume(
      memoryAddStartedContract,
      { ...recordOptions, durable: 'gateway-add-started' },
      (started) => this.events.started(started),
      () => Promise.resolve(),
    );
    await this.jobs.consume(
      memoryAddCompletedContract,
      { ...recordOptions, durable: 'gateway-add-completed' },
      (completion) => this.events.completed(completion),
      () => Promise.resolve(),
    );
  }
}
