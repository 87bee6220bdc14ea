export { LocalFactExtractor, extractLocalFacts } from './local-fact.extractor';
export { LocalUpdateDecider, decideUpdates } from './local-update.decider';
export { LocalCategorisedFactExtractor } from './local-categorised-fact.extractor';
export { LocalProceduralSummarizer } from './local-procedural.summarizer';
export { LocalInstructionGenerator } from './local-instruction.generator';
export { classifyFact } from './fact-classifier';
export type { ClassifiedFact, FactCategory, FactPolarity } from './fact-category';
export {
  filterByInstructions,
  readTopicLimits,
  type TopicLimits,
} from './custom-instructions.filter';
export { SUPPORTED_PATTERNS } from './statement-facts';
export { warmUpLocalExtraction } from './local-extraction.warm-up';
