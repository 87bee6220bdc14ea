import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiKeyEntity } from '../database/api-key.entity';
import type { ProjectRole } from './tenant';

/** A live key as the auth guard needs it: its project, and the role of the member it acts for. */
export interface KeyForAuth {
  id: string;
  orgId: string;
  projectId: string;
  userEmail: string | null;
  /** null when the key names a member who is no longer in the project */
  memberRole: ProjectRole | null;
  lastUsedAt: Date | null;
}

interface KeyForAuthRow {
  id: string;
  org_id: string;
  project_id: string;
  user_email: string | null;
  role: ProjectRole | null;
  last_used_at: Date | string | null;
}

/** All SQL on api_keys. */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findForAuth(keyHash: string): Promise<KeyForAuth | undefined> {
    const rows = await this.dataSource.query<KeyForAuthRow[]>(
      `SELECT k.id, k.org_id, k.project_id, k.user_email, k.last_used_at, m.role
         FROM api_keys k
         LEFT JOIN project_members m ON m.project_id = k.project_id AND m.email = k.user_email
        WHERE k.key_hash = ? AND k.revoked_at IS NULL`,
      [keyHash],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      orgId: row.org_id,
      projectId: row.project_id,
      userEmail: row.user_email,
      memberRole: row.role,
      lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
    };
  }

  /** Records use; the condition keeps concurrent instances from rewriting it within the minute. */
  async touch(keyId: string, at: Date, notAfter: Date): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ lastUsedAt: at })
      .where('id = :keyId AND (last_used_at IS NULL OR last_used_at < :notAfter)', {
        keyId,
        notAfter,
      })
      .execute();
  }

  async insert(key: ApiKeyEntity, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).insert(ApiKeyEntity, key);
  }

  findById(id: string): Promise<ApiKeyEntity | null> {
    return this.dataSource.manager.findOne(ApiKeyEntity, { where: { id } });
  }

  listByProject(projectId: string): Promise<ApiKeyEntity[]> {
    return this.dataSource.manager.find(ApiKeyEntity, {
      where: { projectId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** True when this call revoked it (false when it already was). */
  async revoke(id: string, at: Date): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ revokedAt: at })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
