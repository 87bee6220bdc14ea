import { Module } from '@nestjs/common';
import { EmbedderClient, VectorStoreClient } from '@mnemo/clients';
import { ExtractionModule } from './extraction/extraction.module';
import { AddJobsJetstreamConsumer } from './pipeline/add-jobs.jetstream.consumer';
import { AddPipelineService } from './pipeline/add-pipeline.service';

@Module({
  imports: [ExtractionModule],
  providers: [EmbedderClient, VectorStoreClient, AddPipelineService, AddJobsJetstreamConsumer],
})
export class AppModule {}
