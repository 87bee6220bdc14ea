import { Injectable } from '@nestjs/common';
import { DomainError } from '@mnemo/contracts';
import { ProjectMemberEntity } from '../database/project-member.entity';
import { ProjectAccess } from './project-access';
import { ProjectMembersRepository } from './project-members.repository';
import { toPlatformMember } from './project.mapper';
import { TenancyCaches } from './tenancy-caches';
import type { ProjectRole, Tenant } from './tenant';

export const notAMember = 'User is not a member of the project.';

interface ProjectRef {
  orgId: string;
  projectId: string;
}

/** Members of a project: any member reads them; changing them is a write, for OWNERs only. */
@Injectable()
export class ProjectMembersService {
  constructor(
    private readonly members: ProjectMembersRepository,
    private readonly access: ProjectAccess,
    private readonly caches: TenancyCaches,
  ) {}

  async list(tenant: Tenant, ref: ProjectRef) {
    await this.access.require(tenant, ref.orgId, ref.projectId);
    return (await this.members.list(ref.projectId)).map(toPlatformMember);
  }

  async add(tenant: Tenant, ref: ProjectRef, email: string, role: ProjectRole): Promise<void> {
    await this.access.require(tenant, ref.orgId, ref.projectId);
    const now = new Date();
    const member = Object.assign(new ProjectMemberEntity(), {
      projectId: ref.projectId,
      email,
      role,
      createdAt: now,
      updatedAt: now,
    });
    if (!(await this.members.insert(member)))
      throw new DomainError('conflict', 'User is already a member of the project.');
    this.caches.forgetProject(ref.projectId);
  }

  /** A member's keys take the new role at once here, within the key cache TTL elsewhere. */
  async update(tenant: Tenant, ref: ProjectRef, email: string, role: ProjectRole): Promise<void> {
    await this.access.require(tenant, ref.orgId, ref.projectId);
    if (!(await this.members.updateRole(ref.projectId, email, role, new Date())))
      throw new DomainError('not_found', notAMember);
    this.caches.forgetProject(ref.projectId);
  }

  async remove(tenant: Tenant, ref: ProjectRef, email: string): Promise<void> {
    await this.access.require(tenant, ref.orgId, ref.projectId);
    if (!(await this.members.remove(ref.projectId, email)))
      throw new DomainError('not_found', notAMember);
    this.caches.forgetProject(ref.projectId);
  }
}
