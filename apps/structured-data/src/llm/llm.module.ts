import { Global, Module } from '@nestjs/common';
import type { ServiceMetrics } from '@mnemo/observability';
import { createLlmProvider } from '@mnemo/providers';
import { APP_CONFIG, SERVICE_METRICS } from '@mnemo/service-kit';
import type { StructuredDataConfig } from '../config/structured-data.config';
import { LLM } from './llm.token';

/** The configured LLM, or null when Mnemo runs offline (the local builders answer then). */
@Global()
@Module({
  providers: [
    {
      provide: LLM,
      inject: [APP_CONFIG, SERVICE_METRICS],
      useFactory: (config: StructuredDataConfig, metrics: ServiceMetrics) =>
        createLlmProvider(config, undefined, metrics.providers) ?? null,
    },
  ],
  exports: [LLM],
})
export class LlmModule {}
