import { Global, Module } from '@nestjs/common';
import { ChannelBClient, VectorStoreClient } from '@mnemo/clients';
import { ProjectDataEraser } from './project-data.eraser';
import { GatewayDatabaseModule } from '../database/database.module';
import { AdminKeysService } from './admin-keys.service';
import { AdminHttpController } from './admin.http.controller';
import { ApiKeyResolver } from './api-key.resolver';
import { ApiKeysRepository } from './api-keys.repository';
import { DefaultTenancySeed } from './default-tenancy.seed';
import { PingHttpController } from './ping.http.controller';
import { AdminGuard, PlatformAuthGuard } from './platform-auth.guard';
import { ProjectAccess } from './project-access';
import { ProjectMembersHttpController } from './project-members.http.controller';
import { ProjectMembersRepository } from './project-members.repository';
import { ProjectMembersService } from './project-members.service';
import { ProjectSettingsService } from './project-settings.service';
import { ProjectsHttpController } from './projects.http.controller';
import { ProjectsRepository } from './projects.repository';
import { ProjectsService } from './projects.service';
import { TenancyCaches } from './tenancy-caches';

/** Organizations, projects, API keys and members; the guards every Platform route uses. */
@Global()
@Module({
  imports: [GatewayDatabaseModule],
  controllers: [
    PingHttpController,
    AdminHttpController,
    ProjectsHttpController,
    ProjectMembersHttpController,
  ],
  providers: [
    VectorStoreClient,
    ChannelBClient,
    ProjectDataEraser,
    ApiKeysRepository,
    ProjectsRepository,
    ProjectMembersRepository,
    ApiKeyResolver,
    PlatformAuthGuard,
    AdminGuard,
    ProjectAccess,
    ProjectSettingsService,
    TenancyCaches,
    ProjectsService,
    ProjectMembersService,
    AdminKeysService,
    DefaultTenancySeed,
  ],
  exports: [ApiKeyResolver, PlatformAuthGuard, AdminGuard, ProjectSettingsService],
})
export class TenancyModule {}
