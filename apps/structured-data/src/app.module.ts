import { Module } from '@nestjs/common';
import { VectorStoreClient } from '@mnemo/clients';
import { ChannelBModule } from './channel-b/channel-b.module';
import { DatabaseModule } from './database/database.module';
import { MemoryExportBuilder } from './exports/memory-export.builder';
import { MemoryExportsNatsHandler } from './exports/memory-exports.nats.handler';
import { MemoryExportsRepository } from './exports/memory-exports.repository';
import { MemoryExportsService } from './exports/memory-exports.service';
import { MemoryFeedbackNatsHandler } from './feedback/memory-feedback.nats.handler';
import { MemoryFeedbackRepository } from './feedback/memory-feedback.repository';
import { MemoryFeedbackService } from './feedback/memory-feedback.service';
import { SchemaShaper } from './json-schema/schema-shaper';
import { LlmModule } from './llm/llm.module';
import { MemorySource } from './memories/memory-source';
import { ProfileDocumentsRepository } from './profiles/profile-documents.repository';
import { ProfileJobRunner } from './profiles/profile-job.runner';
import { ProfileJobsRepository } from './profiles/profile-jobs.repository';
import { ProfileJobsService } from './profiles/profile-jobs.service';
import { ProfileSettingsRepository } from './profiles/profile-settings.repository';
import { ProfileSettingsService } from './profiles/profile-settings.service';
import { ProfileBuilder } from './profiles/profile.builder';
import { ProfileGenerator } from './profiles/profile.generator';
import { ProfilesNatsHandler } from './profiles/profiles.nats.handler';
import { UserProfilesService } from './profiles/user-profiles.service';
import { MemorySummaryNatsHandler } from './summaries/memory-summary.nats.handler';
import { MemorySummaryService } from './summaries/memory-summary.service';

@Module({
  imports: [DatabaseModule, LlmModule, ChannelBModule],
  providers: [
    VectorStoreClient,
    MemorySource,
    SchemaShaper,
    MemoryExportsRepository,
    MemoryExportBuilder,
    MemoryExportsService,
    MemoryExportsNatsHandler,
    MemorySummaryService,
    MemorySummaryNatsHandler,
    MemoryFeedbackRepository,
    MemoryFeedbackService,
    MemoryFeedbackNatsHandler,
    ProfileSettingsRepository,
    ProfileSettingsService,
    ProfileDocumentsRepository,
    ProfileJobsRepository,
    ProfileBuilder,
    ProfileGenerator,
    ProfileJobRunner,
    ProfileJobsService,
    UserProfilesService,
    ProfilesNatsHandler,
  ],
})
export class AppModule {}
