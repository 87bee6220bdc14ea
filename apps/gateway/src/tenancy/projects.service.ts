import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@mnemo/contracts';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { GatewayConfig } from '../config/gateway.config';
import { ProjectEntity } from '../database/project.entity';
import { randomId } from './api-key';
import { ProjectAccess } from './project-access';
import { ProjectDataEraser } from './project-data.eraser';
import { ProjectMembersRepository } from './project-members.repository';
import { applyProjectUpdate, hasProjectUpdate } from './project-settings';
import { toPlatformProject } from './project.mapper';
import { ProjectsRepository } from './projects.repository';
import { TenancyCaches } from './tenancy-caches';
import type { ProjectUpdate } from './tenancy.schemas';
import type { Tenant } from './tenant';

export const duplicateProjectName = 'A project with this name already exists in the organization.';

/** The Platform's project routes: read, change, delete and create projects. */
@Injectable()
export class ProjectsService {
  private readonly defaultProjectId: string;

  constructor(
    private readonly projects: ProjectsRepository,
    private readonly members: ProjectMembersRepository,
    private readonly access: ProjectAccess,
    private readonly caches: TenancyCaches,
    private readonly eraser: ProjectDataEraser,
    @Inject(APP_CONFIG) config: GatewayConfig,
  ) {
    this.defaultProjectId = config.MNEMO_DEFAULT_PROJECT_ID;
  }

  async get(tenant: Tenant, orgId: string, projectId: string, fields: string[]) {
    const project = await this.access.require(tenant, orgId, projectId);
    const members = await this.members.list(projectId);
    return toPlatformProject(
      project,
      { members, userRole: tenant.role, defaultProjectId: this.defaultProjectId },
      fields,
    );
  }

  async update(tenant: Tenant, orgId: string, projectId: string, update: ProjectUpdate) {
    const project = await this.access.require(tenant, orgId, projectId);
    if (!hasProjectUpdate(update))
      throw new DomainError('validation_failed', 'No project settings to update were given.');
    const settings = applyProjectUpdate(project.settings, update);
    await this.projects.updateSettings(projectId, settings, new Date());
    this.caches.forgetProject(projectId);
  }

  /** Its data goes first (memories, channel B), so a failure there leaves the project usable. */
  async delete(tenant: Tenant, orgId: string, projectId: string): Promise<void> {
    await this.access.require(tenant, orgId, projectId);
    if (projectId === this.defaultProjectId)
      throw new DomainError('forbidden', 'The default project cannot be deleted.');
    await this.eraser.erase(projectId);
    await this.projects.deleteWithKeysAndMembers(projectId);
    this.caches.forgetProject(projectId);
  }

  async create(
    tenant: Tenant,
    orgId: string,
    body: { name: string; description?: string | null },
  ): Promise<string> {
    await this.access.requireOrganization(tenant, orgId);
    const now = new Date();
    const project = Object.assign(new ProjectEntity(), {
      id: randomId('proj'),
      orgId,
      name: body.name,
      description: body.description ?? null,
      settings: {},
      createdAt: now,
      updatedAt: now,
    });
    if (!(await this.projects.insertIfMissing(project)))
      throw new DomainError('conflict', duplicateProjectName);
    return project.id;
  }
}
