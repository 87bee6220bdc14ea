import { Global, Module } from '@nestjs/common';
import { AddEventsClient, EmbedderClient, VectorStoreClient } from '@mnemo/clients';
import { APP_CONFIG, ServiceRuntime } from '@mnemo/service-kit';
import { AddCompletions } from '../clients/add-completions';
import type { GatewayConfig } from '../config/gateway.config';
import { createLlmReranker, LLM_RERANKER } from './llm-reranker';
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
    {
      provide: LLM_RERANKER,
      inject: [APP_CONFIG, ServiceRuntime],
      useFactory: (config: GatewayConfig, runtime: ServiceRuntime) =>
        createLlmReranker(config, runtime.logger),
    },
  ],
  exports: [
    AddCompletions,
    AddEventsClient,
    EmbedderClient,
    VectorStoreClient,
    MemoryAddService,
    MemoryQueryService,
    MemoryEditService,
  ],
})
export class MemoriesModule {}
