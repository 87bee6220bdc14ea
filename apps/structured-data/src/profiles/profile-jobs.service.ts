import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { VectorStoreClient } from '@mnemo/clients';
import { DomainError, type ProfileJob, type ProfileJobRequest } from '@mnemo/contracts';
import { filtersFingerprint } from '../exports/filters-fingerprint';
import { ProfileDocumentsRepository } from './profile-documents.repository';
import { ProfileJobEntity } from './profile-job.entity';
import { ProfileJobRunner } from './profile-job.runner';
import { ProfileJobsRepository } from './profile-jobs.repository';
import { ProfileSettingsService } from './profile-settings.service';

export interface QueuedJob {
  job: ProfileJob;
  replayed: boolean;
}

/** Queues profile jobs (idempotent on the caller's key) and reports on them. */
@Injectable()
export class ProfileJobsService {
  constructor(
    private readonly jobs: ProfileJobsRepository,
    private readonly documents: ProfileDocumentsRepository,
    private readonly settings: ProfileSettingsService,
    private readonly runner: ProfileJobRunner,
    private readonly vectorStore: VectorStoreClient,
  ) {}

  async create(
    projectId: string,
    request: ProfileJobRequest,
    idempotencyKey?: string,
  ): Promise<QueuedJob> {
    const requestHash = filtersFingerprint(request);
    const earlier = idempotencyKey
      ? await this.replay(projectId, idempotencyKey, requestHash)
      : undefined;
    if (earlier) return earlier;
    if (!(await this.settings.rules(projectId)).enabled) {
      throw new DomainError('validation_failed', 'User profiles are not enabled for this project.');
    }
    const entityIds = await this.entitiesFor(projectId, request);
    const entity = newJob(projectId, request, entityIds, requestHash, idempotencyKey ?? null);
    try {
      await this.jobs.insert(entity);
    } catch (err) {
      // Two requests with one key at once: the loser answers the winner's job.
      const raced = idempotencyKey
        ? await this.replay(projectId, idempotencyKey, requestHash)
        : undefined;
      if (raced) return raced;
      throw err;
    }
    for (const userId of entityIds) await this.documents.createPending(projectId, userId);
    this.runner.kick({ projectId, id: entity.id });
    return { job: toProfileJob(entity), replayed: false };
  }

  async find(projectId: string, jobId: string): Promise<ProfileJob | null> {
    const row = await this.jobs.find({ projectId, id: jobId });
    return row ? toProfileJob(row) : null;
  }

  private async replay(
    projectId: string,
    key: string,
    requestHash: string,
  ): Promise<QueuedJob | undefined> {
    const row = await this.jobs.findByIdempotencyKey(projectId, key);
    if (!row) return undefined;
    if (row.requestHash !== requestHash) {
      throw new DomainError(
        'conflict',
        'This Idempotency-Key was already used with a different request.',
      );
    }
    return { job: toProfileJob(row), replayed: true };
  }

  // `sample` takes the users with the most memories.
  private async entitiesFor(projectId: string, request: ProfileJobRequest): Promise<string[]> {
    if (request.operation === 'trigger') return [request.entityId];
    const users = (await this.vectorStore.entities(projectId)).filter((e) => e.type === 'user');
    return users
      .sort((a, b) => b.totalMemories - a.totalMemories || a.id.localeCompare(b.id))
      .slice(0, request.limit)
      .map((user) => user.id);
  }
}

function newJob(
  projectId: string,
  request: ProfileJobRequest,
  entityIds: string[],
  requestHash: string,
  idempotencyKey: string | null,
): ProfileJobEntity {
  const now = new Date();
  return Object.assign(new ProfileJobEntity(), {
    projectId,
    id: randomUUID(),
    idempotencyKey,
    requestHash,
    operation: request.operation,
    entityType: request.entityType,
    entityIds,
    status: 'pending',
    total: entityIds.length,
    enumerationComplete: true,
    completed: 0,
    succeeded: 0,
    failed: 0,
    skipped: 0,
    eventId: randomUUID(),
    error: null,
    attempts: 0,
    leaseUntil: null,
    createdAt: now,
    updatedAt: now,
  } satisfies ProfileJobEntity);
}

export function toProfileJob(row: ProfileJobEntity): ProfileJob {
  return {
    id: row.id,
    projectId: row.projectId,
    operation: row.operation,
    entityType: row.entityType,
    status: row.status,
    entityIds: row.entityIds,
    total: row.total,
    enumerationComplete: row.enumerationComplete,
    completed: row.completed,
    succeeded: row.succeeded,
    failed: row.failed,
    skipped: row.skipped,
    eventId: row.eventId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
