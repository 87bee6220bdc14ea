import { Module } from '@nestjs/common';
import { ChannelBHttpModule } from './channel-b/channel-b-http.module';
import { ConfigureHttpController } from './configure/configure.http.controller';
import { ConfigureService } from './configure/configure.service';
import { EventsHttpController } from './events/events.http.controller';
import { HealthHttpController } from './health/health.http.controller';
import { AdminKeyGuard } from './http/admin-key.guard';
import { MemoriesModule } from './memories/memories.module';
import { OssAdminHttpController } from './oss/oss-admin.http.controller';
import { OssMemoriesHttpController } from './oss/oss-memories.http.controller';
import { PlatformExtrasModule } from './platform-extras/platform-extras.module';
import { PlatformMemoriesModule } from './platform-memories/platform-memories.module';
import { TenancyModule } from './tenancy/tenancy.module';

@Module({
  imports: [
    MemoriesModule,
    TenancyModule,
    PlatformMemoriesModule,
    PlatformExtrasModule,
    ChannelBHttpModule,
  ],
  controllers: [
    HealthHttpController,
    OssMemoriesHttpController,
    OssAdminHttpController,
    ConfigureHttpController,
    EventsHttpController,
  ],
  providers: [AdminKeyGuard, ConfigureService],
})
export class AppModule {}
