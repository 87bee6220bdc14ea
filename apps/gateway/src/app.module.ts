import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ChannelBHttpModule } from './channel-b/channel-b-http.module';
import { ConfigureHttpController } from './configure/configure.http.controller';
import { ConfigureService } from './configure/configure.service';
import { ConsoleModule } from './console/console.module';
import { EventsHttpController } from './events/events.http.controller';
import { HealthHttpController } from './health/health.http.controller';
import { ImportsModule } from './imports/imports.module';
import { McpModule } from './mcp/mcp.module';
import { ReadinessProbe } from './health/readiness.probe';
import { AdminKeyGuard } from './http/admin-key.guard';
import { MemoriesModule } from './memories/memories.module';
import { OssAdminHttpController } from './oss/oss-admin.http.controller';
import { OssMemoriesHttpController } from './oss/oss-memories.http.controller';
import { PlatformExtrasModule } from './platform-extras/platform-extras.module';
import { PlatformMemoriesModule } from './platform-memories/platform-memories.module';
import { TenancyModule } from './tenancy/tenancy.module';
import { WriterRoleInterceptor } from './tenancy/writer-role.interceptor';

@Module({
  imports: [
    MemoriesModule,
    TenancyModule,
    PlatformMemoriesModule,
    PlatformExtrasModule,
    ChannelBHttpModule,
    McpModule,
    ConsoleModule,
    ImportsModule,
  ],
  controllers: [
    HealthHttpController,
    OssMemoriesHttpController,
    OssAdminHttpController,
    ConfigureHttpController,
    EventsHttpController,
  ],
  // the one role check of every route: READER keys are refused on anything but a read
  providers: [
    AdminKeyGuard,
    ConfigureService,
    ReadinessProbe,
    { provide: APP_INTERCEPTOR, useClass: WriterRoleInterceptor },
  ],
})
export class AppModule {}
