import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProjectMemberEntity } from '../database/project-member.entity';
import type { ProjectRole } from './tenant';

/** All SQL on project_members. */
@Injectable()
export class ProjectMembersRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(projectId: string): Promise<ProjectMemberEntity[]> {
    return this.dataSource.manager.find(ProjectMemberEntity, {
      where: { projectId },
      order: { createdAt: 'ASC', email: 'ASC' },
    });
  }

  find(projectId: string, email: string): Promise<ProjectMemberEntity | null> {
    return this.dataSource.manager.findOne(ProjectMemberEntity, { where: { projectId, email } });
  }

  /** False when the email already is a member. */
  async insert(member: ProjectMemberEntity): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ProjectMemberEntity)
      .values(member)
      .orIgnore()
      .execute();
    return affectedRows(result.raw) > 0;
  }

  async updateRole(
    projectId: string,
    email: string,
    role: ProjectRole,
    at: Date,
  ): Promise<boolean> {
    const result = await this.dataSource.manager.update(
      ProjectMemberEntity,
      { projectId, email },
      { role, updatedAt: at },
    );
    return (result.affected ?? 0) > 0;
  }

  async remove(projectId: string, email: string): Promise<boolean> {
    const result = await this.dataSource.manager.delete(ProjectMemberEntity, { projectId, email });
    return (result.affected ?? 0) > 0;
  }
}

function affectedRows(raw: unknown): number {
  return typeof raw === 'object' && raw !== null && 'affectedRows' in raw
    ? Number(raw.affectedRows)
    : 0;
}
