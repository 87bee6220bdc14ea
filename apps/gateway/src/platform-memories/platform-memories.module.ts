import { Module } from '@nestjs/common';
import { ChannelBClient } from '@mnemo/clients';
import { PlatformAddHttpController } from './platform-add.http.controller';
import { PlatformAddService } from './platform-add.service';
import { PlatformBatchHttpController } from './platform-batch.http.controller';
import { PlatformBatchService } from './platform-batch.service';
import { PlatformEntitiesHttpController } from './platform-entities.http.controller';
import { PlatformListHttpController } from './platform-list.http.controller';
import { PlatformMemoryHttpController } from './platform-memory.http.controller';
import { PlatformSearchHttpController } from './platform-search.http.controller';

/** The hosted Platform's memory routes (`/v1`, `/v2`, `/v3`), scoped by the caller's API key. */
@Module({
  controllers: [
    PlatformAddHttpController,
    PlatformListHttpController,
    PlatformSearchHttpController,
    PlatformMemoryHttpController,
    PlatformBatchHttpController,
    PlatformEntitiesHttpController,
  ],
  providers: [PlatformAddService, PlatformBatchService, ChannelBClient],
})
export class PlatformMemoriesModule {}
