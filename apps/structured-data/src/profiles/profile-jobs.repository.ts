import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ProfileJobStatus } from '@mnemo/contracts';
import { JobLeases, type JobKey } from '../background/job-leases';
import { ProfileJobEntity } from './profile-job.entity';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface JobCounts {
  completed: number;
  succeeded: number;
  failed: number;
  skipped: number;
}

/** All SQL on profile jobs; every query is scoped by project. */
@Injectable()
export class ProfileJobsRepository {
  readonly leases: JobLeases<ProfileJobStatus>;

  constructor(private readonly dataSource: DataSource) {
    this.leases = new JobLeases(dataSource, {
      name: 'profile_jobs',
      pending: 'pending',
      running: 'running',
    });
  }

  async insert(job: ProfileJobEntity): Promise<void> {
    await this.dataSource.manager.insert(ProfileJobEntity, job);
  }

  find(key: JobKey): Promise<ProfileJobEntity | null> {
    if (!uuidPattern.test(key.id)) return Promise.resolve(null);
    return this.dataSource.manager.findOne(ProfileJobEntity, {
      where: { projectId: key.projectId, id: key.id },
    });
  }

  findByIdempotencyKey(
    projectId: string,
    idempotencyKey: string,
  ): Promise<ProfileJobEntity | null> {
    return this.dataSource.manager.findOne(ProfileJobEntity, {
      where: { projectId, idempotencyKey },
    });
  }

  async progress(key: JobKey, counts: JobCounts): Promise<void> {
    await this.dataSource.manager.update(
      ProfileJobEntity,
      { projectId: key.projectId, id: key.id },
      { ...counts, updatedAt: new Date() },
    );
  }

  async finish(key: JobKey, status: ProfileJobStatus, error: string | null): Promise<void> {
    await this.dataSource.manager.update(
      ProfileJobEntity,
      { projectId: key.projectId, id: key.id },
      { status, error, leaseUntil: null, updatedAt: new Date() },
    );
  }
}
