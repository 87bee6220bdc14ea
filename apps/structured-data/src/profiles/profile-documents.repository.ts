import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JsonObject, ProfileStatus } from '@mnemo/contracts';
import { UserProfileDocumentEntity } from './user-profile-document.entity';

type Packet = { affectedRows?: number };

/** All SQL on generated user profiles; every query is scoped by project. */
@Injectable()
export class ProfileDocumentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(projectId: string, entityId: string): Promise<UserProfileDocumentEntity | null> {
    return this.dataSource.manager.findOne(UserProfileDocumentEntity, {
      where: { projectId, entityType: 'user', entityId },
    });
  }

  /** Creates an empty `pending` document unless one exists; answers whether it created it. */
  async createPending(projectId: string, entityId: string): Promise<boolean> {
    const result = await this.dataSource.query<Packet>(
      `INSERT INTO user_profile_documents
        (project_id, entity_type, entity_id, profile, status, generation_count, created_at)
        VALUES (?, 'user', ?, '{}', 'pending', 0, ?)
        ON DUPLICATE KEY UPDATE project_id = project_id`,
      [projectId, entityId, new Date()],
    );
    return result.affectedRows === 1;
  }

  /** Stores a new generation (or the lack of data for one) and counts it. */
  async store(
    projectId: string,
    entityId: string,
    profile: JsonObject,
    status: Extract<ProfileStatus, 'succeeded' | 'insufficient_data'>,
  ): Promise<void> {
    const now = new Date();
    const generated = status === 'succeeded' ? 1 : 0;
    await this.dataSource.query(
      `INSERT INTO user_profile_documents
        (project_id, entity_type, entity_id, profile, status, error, generation_count, created_at, updated_at)
        VALUES (?, 'user', ?, ?, ?, NULL, ?, ?, ?)
        ON DUPLICATE KEY UPDATE profile = VALUES(profile), status = VALUES(status), error = NULL,
        generation_count = generation_count + ?, updated_at = VALUES(updated_at)`,
      [projectId, entityId, JSON.stringify(profile), status, generated, now, now, generated],
    );
  }

  /** Marks a generation failed, keeping the last good profile. */
  async markFailed(projectId: string, entityIds: string[], error: string): Promise<void> {
    if (entityIds.length === 0) return;
    await this.dataSource.query(
      `UPDATE user_profile_documents SET status = 'failed', error = ?
        WHERE project_id = ? AND entity_type = 'user' AND status = 'pending' AND entity_id IN (?)`,
      [error, projectId, entityIds],
    );
  }
}
