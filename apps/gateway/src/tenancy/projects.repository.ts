import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiKeyEntity } from '../database/api-key.entity';
import { OrganizationEntity } from '../database/organization.entity';
import { ProjectMemberEntity } from '../database/project-member.entity';
import { ProjectEntity, type StoredProjectSettings } from '../database/project.entity';

/** All SQL on organizations and projects. */
@Injectable()
export class ProjectsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', work);
  }

  findById(id: string): Promise<ProjectEntity | null> {
    return this.dataSource.manager.findOne(ProjectEntity, { where: { id } });
  }

  findOrganization(id: string): Promise<OrganizationEntity | null> {
    return this.dataSource.manager.findOne(OrganizationEntity, { where: { id } });
  }

  /** The organization of that name, created with `newId` when there is none (race-safe). */
  async ensureOrganization(
    name: string,
    newId: string,
    at: Date,
    manager: EntityManager,
  ): Promise<OrganizationEntity> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(OrganizationEntity)
      .values({ id: newId, name, createdAt: at, updatedAt: at })
      .orIgnore()
      .execute();
    return manager.findOneOrFail(OrganizationEntity, { where: { name } });
  }

  /** Inserts unless the id (or the name in its organization) exists; true when inserted. */
  async insertIfMissing(project: ProjectEntity, manager?: EntityManager): Promise<boolean> {
    const result: unknown = await (manager ?? this.dataSource.manager).query(
      `INSERT IGNORE INTO projects (id, org_id, name, description, settings, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        project.id,
        project.orgId,
        project.name,
        project.description,
        JSON.stringify(project.settings),
        project.createdAt,
        project.updatedAt,
      ],
    );
    return affectedRows(result) > 0;
  }

  async updateSettings(id: string, settings: StoredProjectSettings, at: Date): Promise<void> {
    await this.dataSource.query('UPDATE projects SET settings = ?, updated_at = ? WHERE id = ?', [
      JSON.stringify(settings),
      at,
      id,
    ]);
  }

  /** The project with its keys and members, in one transaction. */
  async deleteWithKeysAndMembers(id: string): Promise<void> {
    await this.transaction(async (manager) => {
      await manager.delete(ApiKeyEntity, { projectId: id });
      await manager.delete(ProjectMemberEntity, { projectId: id });
      await manager.delete(ProjectEntity, { id });
    });
  }
}

function affectedRows(result: unknown): number {
  return typeof result === 'object' && result !== null && 'affectedRows' in result
    ? Number(result.affectedRows)
    : 0;
}
