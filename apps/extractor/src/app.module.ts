import { Module } from '@nestjs/common';
import { EmbedderClient, VectorStoreClient } from '@mnemo/clients';
import { DatabaseModule } from '@mnemo/service-kit';
import { CreateAddEvents1764200000000 } from './database/migrations/1764200000000-create-add-events';
import { AddEventEntity } from './events/add-event.entity';
import { AddEventsNatsHandler } from './events/add-events.nats.handler';
import { AddEventsRepository } from './events/add-events.repository';
import { ExtractionModule } from './extraction/extraction.module';
import { InstructionsNatsHandler } from './instructions/instructions.nats.handler';
import { AddJobsJetstreamConsumer } from './pipeline/add-jobs.jetstream.consumer';
import { AddPipelineService } from './pipeline/add-pipeline.service';
import { RelatedMemoriesFinder } from './pipeline/related-memories.finder';
import { SharedSettings } from './pipeline/shared-settings';

@Module({
  imports: [
    DatabaseModule.forRoot({
      entities: [AddEventEntity],
      migrations: [CreateAddEvents1764200000000],
      migrationsTableName: 'extractor_migrations',
    }),
    ExtractionModule,
  ],
  providers: [
    SharedSettings,
    EmbedderClient,
    VectorStoreClient,
    RelatedMemoriesFinder,
    AddPipelineService,
    AddEventsRepository,
    AddEventsNatsHandler,
    AddJobsJetstreamConsumer,
    InstructionsNatsHandler,
  ],
})
export class AppModule {}
