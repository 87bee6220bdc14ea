import { isDomainError } from '@mnemo/contracts';
import { InFlight } from '@mnemo/messaging';
import type { Logger } from '@mnemo/observability';
import type { JobKey, JobLeases } from './job-leases';

/** The part of the leases the worker uses. */
export type JobLeaseStore = Pick<JobLeases, 'claim' | 'dueJobs' | 'release'>;

/** What a kind of background job does once claimed. */
export interface LeasedJobHandler {
  /** Runs the job; a throw is retried while retryable and attempts remain, else `fail` runs. */
  run(key: JobKey, attempt: number): Promise<void>;
  fail(key: JobKey, error: string): Promise<void>;
}

export interface LeasedJobOptions {
  name: string;
  leaseMs: number;
  sweepMs: number;
  maxAttempts: number;
  concurrency: number;
}

/** The job settings every kind of background job takes from the service's config. */
export function leasedJobOptions(
  name: string,
  config: {
    MNEMO_JOB_LEASE_MS: number;
    MNEMO_JOB_SWEEP_MS: number;
    MNEMO_JOB_MAX_ATTEMPTS: number;
    MNEMO_JOB_CONCURRENCY: number;
  },
): LeasedJobOptions {
  return {
    name,
    leaseMs: config.MNEMO_JOB_LEASE_MS,
    sweepMs: config.MNEMO_JOB_SWEEP_MS,
    maxAttempts: config.MNEMO_JOB_MAX_ATTEMPTS,
    concurrency: config.MNEMO_JOB_CONCURRENCY,
  };
}

const maxBackoffMs = 60_000;

/**
 * Runs background jobs kept in MySQL: at once on the instance that queued them (`kick`), and by a
 * periodic sweep on every instance for jobs queued elsewhere, due for a retry, or abandoned.
 */
export class LeasedJobWorker {
  private readonly inFlight = new InFlight();
  private timer?: NodeJS.Timeout;
  private stopping = false;

  constructor(
    private readonly leases: JobLeaseStore,
    private readonly handler: LeasedJobHandler,
    private readonly options: LeasedJobOptions,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.options.sweepMs);
    this.timer.unref();
  }

  /** Tries to run a job now (settles when done); when busy or claimed elsewhere, the sweep gets to it. */
  kick(key: JobKey): Promise<void> {
    if (this.stopping || this.inFlight.size >= this.options.concurrency) return Promise.resolve();
    return this.inFlight.track(this.attempt(key));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.inFlight.settled();
  }

  async sweep(): Promise<void> {
    const free = this.options.concurrency - this.inFlight.size;
    if (this.stopping || free <= 0) return;
    try {
      for (const key of await this.leases.dueJobs(free)) void this.kick(key);
    } catch (err) {
      this.logger.warn({ err, jobs: this.options.name }, 'could not look for due jobs');
    }
  }

  private async attempt(key: JobKey): Promise<void> {
    try {
      const attempt = await this.leases.claim(key, this.options.leaseMs);
      if (attempt === undefined) return;
      await this.handler.run(key, attempt).catch((err: unknown) => this.settle(key, attempt, err));
    } catch (err) {
      this.logger.error(
        { err, jobs: this.options.name, ...key },
        'background job bookkeeping failed',
      );
    }
  }

  private async settle(key: JobKey, attempt: number, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    const retryable = !isDomainError(err) || err.retryable;
    if (this.stopping || (retryable && attempt < this.options.maxAttempts)) {
      // Shutting down: hand the job straight back so another instance takes it.
      const delay = this.stopping ? 0 : Math.min(maxBackoffMs, 1000 * 2 ** attempt);
      this.logger.warn({ err, jobs: this.options.name, ...key, attempt }, 'job will be retried');
      await this.leases.release(key, new Date(Date.now() + delay), message);
      return;
    }
    this.logger.error({ err, jobs: this.options.name, ...key, attempt }, 'job failed');
    await this.handler.fail(key, message);
  }
}
