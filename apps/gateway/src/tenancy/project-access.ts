import { Injectable } from '@nestjs/common';
import { DomainError } from '@mnemo/contracts';
import type { ProjectEntity } from '../database/project.entity';
import { ProjectsRepository } from './projects.repository';
import type { Tenant } from './tenant';

export const projectNotFound = 'Organization or project not found';

/** A caller reaches only its own project (the admin key reaches every one). */
@Injectable()
export class ProjectAccess {
  constructor(private readonly projects: ProjectsRepository) {}

  async require(tenant: Tenant, orgId: string, projectId: string): Promise<ProjectEntity> {
    const own = tenant.orgId === orgId && tenant.projectId === projectId;
    const project = own || tenant.isAdmin ? await this.projects.findById(projectId) : null;
    if (!project || project.orgId !== orgId) throw new DomainError('not_found', projectNotFound);
    return project;
  }

  /** Creating a project in an organization: the caller's own, or any for the admin. */
  async requireOrganization(tenant: Tenant, orgId: string): Promise<void> {
    const reachable = tenant.isAdmin || tenant.orgId === orgId;
    const org = reachable ? await this.projects.findOrganization(orgId) : null;
    if (!org) throw new DomainError('not_found', projectNotFound);
  }
}
