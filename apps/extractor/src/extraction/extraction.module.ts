import { Module } from '@nestjs/common';
import type { Logger, ServiceMetrics } from '@mnemo/observability';
import { createLlmProvider, type LlmProvider } from '@mnemo/providers';
import { APP_CONFIG, LOGGER, SERVICE_METRICS } from '@mnemo/service-kit';
import type { ExtractorConfig } from '../config/extractor.config';
import {
  FACT_EXTRACTOR,
  INSTRUCTION_GENERATOR,
  PROCEDURAL_SUMMARIZER,
  UPDATE_DECIDER,
} from '../extraction-steps';
import {
  LlmFactExtractor,
  LlmInstructionGenerator,
  LlmProceduralSummarizer,
  LlmUpdateDecider,
} from '../llm';
import {
  LocalCategorisedFactExtractor,
  LocalFactExtractor,
  LocalInstructionGenerator,
  LocalProceduralSummarizer,
  LocalUpdateDecider,
  warmUpLocalExtraction,
} from '../local';
import { ExtractorMetrics } from '../pipeline/extractor.metrics';

const LLM = Symbol('LLM');

/**
 * Wires each extraction step (its token in extraction-steps/) to its implementation: the LLM
 * one when a model is configured, the offline rules otherwise.
 */
@Module({
  providers: [
    ExtractorMetrics,
    {
      provide: LLM,
      inject: [APP_CONFIG, ExtractorMetrics, SERVICE_METRICS],
      useFactory: (
        config: ExtractorConfig,
        extractorMetrics: ExtractorMetrics,
        serviceMetrics: ServiceMetrics,
      ) =>
        createLlmProvider(config, () => extractorMetrics.llmCall(), serviceMetrics.providers) ??
        null,
    },
    {
      provide: FACT_EXTRACTOR,
      inject: [LLM, LOGGER],
      useFactory: (llm: LlmProvider | null, logger: Logger) =>
        llm
          ? new LlmFactExtractor(llm, logger)
          : new LocalCategorisedFactExtractor(warmedUp(new LocalFactExtractor())),
    },
    {
      provide: UPDATE_DECIDER,
      inject: [LLM, LOGGER],
      useFactory: (llm: LlmProvider | null, logger: Logger) =>
        llm ? new LlmUpdateDecider(llm, logger) : new LocalUpdateDecider(),
    },
    {
      provide: PROCEDURAL_SUMMARIZER,
      inject: [LLM, LOGGER],
      useFactory: (llm: LlmProvider | null, logger: Logger) =>
        llm ? new LlmProceduralSummarizer(llm, logger) : new LocalProceduralSummarizer(),
    },
    {
      provide: INSTRUCTION_GENERATOR,
      inject: [LLM, LOGGER],
      useFactory: (llm: LlmProvider | null, logger: Logger) =>
        llm ? new LlmInstructionGenerator(llm, logger) : new LocalInstructionGenerator(),
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
