import { Module } from '@nestjs/common';
import { createLlmProvider, type LlmProvider } from '@mnemo/providers';
import { APP_CONFIG, ServiceRuntime } from '@mnemo/service-kit';
import type { ExtractorConfig } from '../config/extractor.config';
import { LocalInstructionGenerator } from '../instructions/local-instruction.generator';
import {
  LlmFactExtractor,
  LlmInstructionGenerator,
  LlmProceduralSummarizer,
  LlmUpdateDecider,
} from '../llm';
import { LocalFactExtractor, LocalUpdateDecider, warmUpLocalExtraction } from '../local';
import { ExtractorMetrics } from '../pipeline/extractor.metrics';
import {
  FACT_EXTRACTOR,
  INSTRUCTION_GENERATOR,
  PROCEDURAL_SUMMARIZER,
  UPDATE_DECIDER,
} from './extraction.tokens';
import { LocalCategorisedFactExtractor } from './local-categorised-fact.extractor';
import { LocalProceduralSummarizer } from './local-procedural.summarizer';

const LLM = Symbol('LLM');

/** The LLM implementations when one is configured, the offline rules otherwise. */
@Module({
  providers: [
    ExtractorMetrics,
    {
      provide: LLM,
      inject: [APP_CONFIG, ExtractorMetrics, ServiceRuntime],
      useFactory: (config: ExtractorConfig, metrics: ExtractorMetrics, runtime: ServiceRuntime) =>
        createLlmProvider(config, () => metrics.llmCall(), runtime.metrics.providers) ?? null,
    },
    {
      provide: FACT_EXTRACTOR,
      inject: [LLM, ServiceRuntime],
      useFactory: (llm: LlmProvider | null, runtime: ServiceRuntime) =>
        llm
          ? new LlmFactExtractor(llm, runtime.logger)
          : new LocalCategorisedFactExtractor(warmedUp(new LocalFactExtractor())),
    },
    {
      provide: UPDATE_DECIDER,
      inject: [LLM, ServiceRuntime],
      useFactory: (llm: LlmProvider | null, runtime: ServiceRuntime) =>
        llm ? new LlmUpdateDecider(llm, runtime.logger) : new LocalUpdateDecider(),
    },
    {
      provide: PROCEDURAL_SUMMARIZER,
      inject: [LLM, ServiceRuntime],
      useFactory: (llm: LlmProvider | null, runtime: ServiceRuntime) =>
        llm ? new LlmProceduralSummarizer(llm, runtime.logger) : new LocalProceduralSummarizer(),
    },
    {
      provide: INSTRUCTION_GENERATOR,
      inject: [LLM, ServiceRuntime],
      useFactory: (llm: LlmProvider | null, runtime: ServiceRuntime) =>
        llm ? new LlmInstructionGenerator(llm, runtime.logger) : new LocalInstructionGenerator(),
    },
  ],
  exports: [
    ExtractorMetrics,
    FACT_EXTRACTOR,
    UPDATE_DECIDER,
    PROCEDURAL_SUMMARIZER,
    INSTRUCTION_GENERATOR,
  ],
})
export class ExtractionModule {}

// Loading the NLP model and compiling the rules takes a moment: do it at start, not on the first add.
function warmedUp(extractor: LocalFactExtractor): LocalFactExtractor {
  warmUpLocalExtraction();
  return extractor;
}
