import { Module } from '@nestjs/common';
import type { Logger, ServiceMetrics } from '@mnemo/observability';
import { createEmbeddingProvider } from '@mnemo/providers';
import { APP_CONFIG, LOGGER, SERVICE_METRICS } from '@mnemo/service-kit';
import type { EmbedderConfig } from '../config/embedder.config';
import { EmbedNatsHandler } from './embed.nats.handler';
import { EmbeddingMetrics } from './embedding.metrics';
import { EmbeddingService } from './embedding.service';
import { EMBEDDING_PROVIDER } from './embedding.tokens';

@Module({
  providers: [
    {
      provide: EMBEDDING_PROVIDER,
      inject: [APP_CONFIG, LOGGER, SERVICE_METRICS],
      useFactory: (config: EmbedderConfig, logger: Logger, metrics: ServiceMetrics) =>
        createEmbeddingProvider(config, logger, metrics.providers),
    },
    EmbeddingMetrics,
    EmbeddingService,
    EmbedNatsHandler,
  ],
})
export class EmbeddingModule {}
