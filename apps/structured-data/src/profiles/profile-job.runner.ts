import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { isDomainError } from '@mnemo/contracts';
import type { Logger } from '@mnemo/observability';
import { APP_CONFIG, LOGGER } from '@mnemo/service-kit';
import type { JobKey } from '../background/job-leases';
import {
  leasedJobOptions,
  LeasedJobWorker,
  type LeasedJobHandler,
} from '../background/leased-job.worker';
import type { StructuredDataConfig } from '../config/structured-data.config';
import { ProfileDocumentsRepository } from './profile-documents.repository';
import { ProfileJobsRepository, type JobCounts } from './profile-jobs.repository';
import { ProfileSettingsService, type ProfileRules } from './profile-settings.service';
import { ProfileGenerator } from './profile.generator';

/** Runs profile jobs in the background, user by user, resuming after the last one finished. */
@Injectable()
export class ProfileJobRunner
  implements LeasedJobHandler, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly worker: LeasedJobWorker;

  constructor(
    private readonly jobs: ProfileJobsRepository,
    private readonly documents: ProfileDocumentsRepository,
    private readonly settings: ProfileSettingsService,
    private readonly generator: ProfileGenerator,
    @Inject(LOGGER) logger: Logger,
    @Inject(APP_CONFIG) config: StructuredDataConfig,
  ) {
    this.worker = new LeasedJobWorker(
      jobs.leases,
      this,
      leasedJobOptions('profile-jobs', config),
      logger,
    );
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  kick(key: JobKey): void {
    void this.worker.kick(key);
  }

  async run(key: JobKey): Promise<void> {
    const job = await this.jobs.find(key);
    if (!job || job.status !== 'running') return;
    const rules = await this.settings.rules(key.projectId);
    const counts: JobCounts = {
      completed: job.completed,
      succeeded: job.succeeded,
      failed: job.failed,
      skipped: job.skipped,
    };
    for (const userId of job.entityIds.slice(job.completed)) {
      await this.generateOne(key, userId, rules, counts);
      counts.completed += 1;
      await this.jobs.progress(key, counts);
    }
    const allFailed = counts.failed > 0 && counts.failed === counts.completed;
    await this.jobs.finish(key, allFailed ? 'failed' : 'succeeded', null);
  }

  async fail(key: JobKey, error: string): Promise<void> {
    const job = await this.jobs.find(key);
    await this.jobs.finish(key, 'failed', error);
    if (job) await this.documents.markFailed(key.projectId, job.entityIds, error);
  }

  // A passing outage (retryable) retries the whole job from here; anything else fails this user.
  private async generateOne(
    key: JobKey,
    userId: string,
    rules: ProfileRules,
    counts: JobCounts,
  ): Promise<void> {
    try {
      const outcome = await this.generator.generate(key.projectId, userId, rules);
      if (outcome === 'succeeded') counts.succeeded += 1;
      else counts.skipped += 1;
    } catch (err) {
      if (isDomainError(err) && err.retryable) throw err;
      counts.failed += 1;
      const message = err instanceof Error ? err.message : String(err);
      await this.documents.markFailed(key.projectId, [userId], message);
    }
  }
}
