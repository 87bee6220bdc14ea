import { Global, Module } from '@nestjs/common';
import { EmbedderClient, VectorStoreClient } from '@mnemo/clients';
import type { Logger } from '@mnemo/observability';
import { APP_CONFIG, LOGGER } from '@mnemo/service-kit';
import { AddCompletions } from '../clients/add-completions';
import { AddEventsRecorder } from '../events/add-events.recorder';
import { AddEventsRepository } from '../events/add-events.repository';
import type { GatewayConfig } from '../config/gateway.config';
import { createLlmReranker, LLM_RERANKER } from './llm-reranker';
import { MemoryAddService } from './memory-add.service';
import { MemoryEditService } from './memory-edit.service';
import { MemoryQueryService } from './memory-query.service';

/** The memory services every HTTP surface (open-source and Platform) shares. */
@Global()
@Module({
  providers: [
    AddEventsRepository,
    AddEventsRecorder,
    AddCompletions,
    EmbedderClient,
    VectorStoreClient,
    MemoryAddService,
    MemoryQueryService,
    MemoryEditService,
    {
      provide: LLM_RERANKER,
      inject: [APP_CONFIG, LOGGER],
      useFactory: (config: GatewayConfig, logger: Logger) => createLlmReranker(config, logger),
    },
  ],
  exports: [
    AddCompletions,
    AddEventsRepository,
    EmbedderClient,
    VectorStoreClient,
    MemoryAddService,
    MemoryQueryService,
    MemoryEditService,
  ],
})
export class MemoriesModule {}
