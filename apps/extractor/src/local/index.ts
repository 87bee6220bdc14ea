export { LocalFactExtractor, extractLocalFacts } from './local-fact.extractor';
export { LocalUpdateDecider, decideUpdates } from './local-update.decider';
export { classifyFact } from './fact-classifier';
export type { ClassifiedFact, FactCategory, FactPolarity } from './fact-category';
export {
  filterByInstructions,
  readTopicLimits,
  type TopicLimits,
} from './custom-instructions.filter';
export { SUPPORTED_PATTERNS } from './statement-facts';
export { warmUpLocalExtraction } from './local-extraction.warm-up';
