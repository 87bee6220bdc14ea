import { Global, Module } from '@nestjs/common';
import { createLlmProvider } from '@mnemo/providers';
import { APP_CONFIG, ServiceRuntime } from '@mnemo/service-kit';
import type { StructuredDataConfig } from '../config/structured-data.config';
import { LLM } from './llm.token';

/** The configured LLM, or null when Mnemo runs offline (the local builders answer then). */
@Global()
@Module({
  providers: [
    {
      provide: LLM,
      inject: [APP_CONFIG, ServiceRuntime],
      useFactory: (config: StructuredDataConfig, runtime: ServiceRuntime) =>
        createLlmProvider(config, undefined, runtime.metrics.providers) ?? null,
    },
  ],
  exports: [LLM],
})
export class LlmModule {}
