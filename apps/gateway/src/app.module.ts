import { Module } from '@nestjs/common';
import { AddCompletions } from './clients/add-completions';
import { EmbedderClient, VectorStoreClient } from '@mnemo/clients';
import { ConfigureHttpController } from './configure/configure.http.controller';
import { ConfigureService } from './configure/configure.service';
import { HealthHttpController } from './health/health.http.controller';
import { AdminKeyGuard } from './http/admin-key.guard';
import { MemoryAddService } from './memories/memory-add.service';
import { MemoryEditService } from './memories/memory-edit.service';
import { MemoryQueryService } from './memories/memory-query.service';
import { OssAdminHttpController } from './oss/oss-admin.http.controller';
import { OssMemoriesHttpController } from './oss/oss-memories.http.controller';
import { PlatformExtrasModule } from './platform-extras/platform-extras.module';
import { PlatformMemoriesModule } from './platform-memories/platform-memories.module';
import { TenancyModule } from './tenancy/tenancy.module';

@Module({
  imports: [TenancyModule, PlatformMemoriesModule, PlatformExtrasModule],
  controllers: [
    HealthHttpController,
    OssMemoriesHttpController,
    OssAdminHttpController,
    ConfigureHttpController,
  ],
  providers: [
    AddCompletions,
    EmbedderClient,
    VectorStoreClient,
    AdminKeyGuard,
    MemoryAddService,
    MemoryQueryService,
    MemoryEditService,
    ConfigureService,
  ],
})
export class AppModule {}
