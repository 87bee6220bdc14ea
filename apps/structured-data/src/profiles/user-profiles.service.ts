import { Injectable } from '@nestjs/common';
import { VectorStoreClient } from '@mnemo/clients';
import type { UserProfile } from '@mnemo/contracts';
import { ProfileDocumentsRepository } from './profile-documents.repository';
import { ProfileJobsService } from './profile-jobs.service';
import { ProfileSettingsService } from './profile-settings.service';
import type { UserProfileDocumentEntity } from './user-profile-document.entity';

/**
 * Reads a user's profile. The first read of a user with memories but no profile queues its
 * generation and answers `pending`; a user without memories is `insufficient_data`.
 */
@Injectable()
export class UserProfilesService {
  constructor(
    private readonly documents: ProfileDocumentsRepository,
    private readonly settings: ProfileSettingsService,
    private readonly jobs: ProfileJobsService,
    private readonly vectorStore: VectorStoreClient,
  ) {}

  async get(projectId: string, userId: string): Promise<UserProfile> {
    if (!(await this.settings.rules(projectId)).enabled) return blank(userId, 'not_enabled');
    const document = await this.documents.find(projectId, userId);
    if (document) return toUserProfile(document);
    const { total } = await this.vectorStore.list({
      projectId,
      filters: { user_id: userId },
      filterDialect: 'platform',
      limit: 1,
      offset: 0,
    });
    if (total === 0) return blank(userId, 'insufficient_data');
    await this.jobs.create(projectId, {
      operation: 'trigger',
      entityType: 'user',
      entityId: userId,
    });
    return blank(userId, 'pending');
  }
}

function blank(userId: string, status: UserProfile['status']): UserProfile {
  return {
    entityType: 'user',
    entityId: userId,
    profile: {},
    status,
    updatedAt: null,
    generationCount: 0,
    error: null,
  };
}

function toUserProfile(row: UserProfileDocumentEntity): UserProfile {
  return {
    entityType: 'user',
    entityId: row.entityId,
    profile: row.profile,
    status: row.status,
    updatedAt: row.updatedAt ? row.updatedAt.toISOString() : null,
    generationCount: row.generationCount,
    error: row.error,
  };
}
