export * from './llm.types';
export { LlmFactExtractor, type FactAnswerFault } from './llm-fact.extractor';
export { LlmUpdateDecider } from './llm-update.decider';
export type { UpdateAnswerFault } from './update-answer.resolver';
export { LlmProceduralSummarizer } from './llm-procedural.summarizer';
export { LlmInstructionGenerator } from './llm-instruction.generator';
export { PROCEDURAL_MEMORY_PROMPT } from './prompts';
