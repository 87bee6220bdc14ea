import { Global, Module } from '@nestjs/common';
import { AddEventsClient, EmbedderClient, VectorStoreClient } from '@mnemo/clients';
import { AddCompletions } from '../clients/add-completions';
import { MemoryAddService } from './memory-add.service';
import { MemoryEditService } from './memory-edit.service';
import { MemoryQueryService } from './memory-query.service';

/** The memory services every HTTP surface (open-source and Platform) shares. */
@Global()
@Module({
  providers: [
    AddEventsClient,
    AddCompletions,
    EmbedderClient,
    VectorStoreClient,
    MemoryAddService,
    MemoryQueryService,
    MemoryEditService,
  ],
  exports: [
    AddEventsClient,
    EmbedderClient,
    VectorStoreClient,
    MemoryAddService,
    MemoryQueryService,
    MemoryEditService,
  ],
})
export class MemoriesModule {}
