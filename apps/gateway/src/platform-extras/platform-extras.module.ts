import { Module } from '@nestjs/common';
import { StructuredDataClient, WebhooksClient } from '@mnemo/clients';
import { MemoryExportsHttpController } from './exports/memory-exports.http.controller';
import { MemoryFeedbackHttpController } from './feedback/memory-feedback.http.controller';
import { ProfilesHttpController } from './profiles/profiles.http.controller';
import { MemorySummaryHttpController } from './summary/memory-summary.http.controller';
import { WebhooksHttpController } from './webhooks/webhooks.http.controller';

/** Platform routes served by other services: webhooks, exports, summary, feedback, profiles. */
@Module({
  controllers: [
    WebhooksHttpController,
    MemoryExportsHttpController,
    MemorySummaryHttpController,
    MemoryFeedbackHttpController,
    ProfilesHttpController,
  ],
  providers: [WebhooksClient, StructuredDataClient],
})
export class PlatformExtrasModule {}
