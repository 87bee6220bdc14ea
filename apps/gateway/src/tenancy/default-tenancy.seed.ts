import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from '@mnemo/observability';
import { APP_CONFIG, LOGGER } from '@mnemo/service-kit';
import type { GatewayConfig } from '../config/gateway.config';
import { ProjectEntity } from '../database/project.entity';
import { defaultOrgId } from './api-key.resolver';
import { ProjectsRepository } from './projects.repository';

/** The default organization and project (the admin key's and open mode's), made once. */
@Injectable()
export class DefaultTenancySeed implements OnModuleInit {
  constructor(
    private readonly projects: ProjectsRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const projectId = this.config.MNEMO_DEFAULT_PROJECT_ID;
    const now = new Date();
    await this.projects.transaction(async (manager) => {
      await this.projects.ensureOrganization(defaultOrgId, defaultOrgId, now, manager);
      const project = Object.assign(new ProjectEntity(), {
        id: projectId,
        orgId: defaultOrgId,
        name: projectId,
        description: null,
        settings: {},
        createdAt: now,
        updatedAt: now,
      });
      await this.projects.insertIfMissing(project, manager);
    });
    const seeded = await this.projects.findById(projectId);
    if (seeded?.orgId !== defaultOrgId) {
      this.logger.warn(
        { projectId },
        'the default project could not be created in the default organization',
      );
    }
  }
}
