import { Module } from '@nestjs/common';
import { createEmbeddingProvider } from '@mnemo/providers';
import { APP_CONFIG, ServiceRuntime } from '@mnemo/service-kit';
import type { EmbedderConfig } from '../config/embedder.config';
import { EmbedNatsHandler } from './embed.nats.handler';
import { EmbeddingMetrics } from './embedding.metrics';
import { EmbeddingService } from './embedding.service';
import { EMBEDDING_PROVIDER } from './embedding.tokens';

@Module({
  providers: [
    {
      provide: EMBEDDING_PROVIDER,
      inject: [APP_CONFIG, ServiceRuntime],
      useFactory: (config: EmbedderConfig, runtime: ServiceRuntime) =>
        createEmbeddingProvider(config, runtime.logger, runtime.metrics.providers),
    },
    EmbeddingMetrics,
    EmbeddingService,
    EmbedNatsHandler,
  ],
})
export class EmbeddingModule {}
