import { Injectable } from '@nestjs/common';
import { DomainError } from '@mnemo/contracts';
import { ApiKeyEntity } from '../database/api-key.entity';
import { ProjectEntity } from '../database/project.entity';
import { generateApiKey, randomId } from './api-key';
import { defaultOrgId } from './api-key.resolver';
import { ApiKeysRepository } from './api-keys.repository';
import { notAMember } from './project-members.service';
import { ProjectMembersRepository } from './project-members.repository';
import { toKeyListing } from './project.mapper';
import { duplicateProjectName } from './projects.service';
import { ProjectsRepository } from './projects.repository';
import { TenancyCaches } from './tenancy-caches';

export interface CreatedKey {
  id: string;
  apiKey: string;
  prefix: string;
}

/** The admin routes: projects with their first key, then keys per project. */
@Injectable()
export class AdminKeysService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly keys: ApiKeysRepository,
    private readonly members: ProjectMembersRepository,
    private readonly caches: TenancyCaches,
  ) {}

  /** An organization named `orgName` is created when new and reused otherwise. */
  async createProject(request: { orgName?: string; name: string; description?: string }) {
    const now = new Date();
    return this.projects.transaction(async (manager) => {
      const org = request.orgName
        ? await this.projects.ensureOrganization(request.orgName, randomId('org'), now, manager)
        : { id: defaultOrgId };
      const project = Object.assign(new ProjectEntity(), {
        id: randomId('proj'),
        orgId: org.id,
        name: request.name,
        description: request.description ?? null,
        settings: {},
        createdAt: now,
        updatedAt: now,
      });
      if (!(await this.projects.insertIfMissing(project, manager)))
        throw new DomainError('conflict', duplicateProjectName);
      const key = newKeyRow(project, { label: 'default' }, now);
      await this.keys.insert(key.row, manager);
      return { orgId: org.id, projectId: project.id, apiKey: key.apiKey };
    });
  }

  async listKeys(projectId: string) {
    await this.requireProject(projectId);
    return (await this.keys.listByProject(projectId)).map(toKeyListing);
  }

  /** With `email`, the key acts as that member (and with the member's role). */
  async createKey(
    projectId: string,
    options: { label?: string; email?: string },
  ): Promise<CreatedKey> {
    const project = await this.requireProject(projectId);
    if (options.email && !(await this.members.find(projectId, options.email)))
      throw new DomainError('validation_failed', notAMember);
    const key = newKeyRow(project, options, new Date());
    await this.keys.insert(key.row);
    return { id: key.row.id, apiKey: key.apiKey, prefix: key.row.prefix };
  }

  async revokeKey(keyId: string): Promise<void> {
    const key = await this.keys.findById(keyId);
    if (!key) throw new DomainError('not_found', 'API key not found.');
    if (!(await this.keys.revoke(keyId, new Date())))
      throw new DomainError('validation_failed', 'API key is already revoked.');
    this.caches.forgetKey(key.keyHash);
  }

  private async requireProject(projectId: string): Promise<ProjectEntity> {
    const project = await this.projects.findById(projectId);
    if (!project) throw new DomainError('not_found', 'Project not found.');
    return project;
  }
}

function newKeyRow(
  project: ProjectEntity,
  options: { label?: string; email?: string },
  now: Date,
): { row: ApiKeyEntity; apiKey: string } {
  const generated = generateApiKey();
  const row = Object.assign(new ApiKeyEntity(), {
    id: randomId('key'),
    orgId: project.orgId,
    projectId: project.id,
    keyHash: generated.hash,
    prefix: generated.prefix,
    label: options.label ?? null,
    userEmail: options.email ?? null,
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
  });
  return { row, apiKey: generated.key };
}
