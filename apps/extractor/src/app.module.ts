import { Module } from '@nestjs/common';
import { EmbedderClient, VectorStoreClient } from '@mnemo/clients';
import { ExtractionModule } from './extraction/extraction.module';
import { InstructionsNatsHandler } from './instructions/instructions.nats.handler';
import { AddJobsJetstreamConsumer } from './pipeline/add-jobs.jetstream.consumer';
import { AddPipelineService } from './pipeline/add-pipeline.service';
import { RelatedMemoriesFinder } from './pipeline/related-memories.finder';
import { SharedSettings } from './pipeline/shared-settings';

@Module({
  imports: [ExtractionModule],
  providers: [
    SharedSettings,
    EmbedderClient,
    VectorStoreClient,
    RelatedMemoriesFinder,
    AddPipelineService,
    AddJobsJetstreamConsumer,
    InstructionsNatsHandler,
  ],
})
export class AppModule {}
