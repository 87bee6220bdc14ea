import { categoriseByRules } from '../categories/category-rules';
import type {
  CategorisedExtractionInput,
  CategorisedFact,
  CategorisedFactExtractor,
  FactExtractor,
} from '../extraction-steps';

/** Offline, the same shape as the LLM path: the rule extractor's facts, filed by the category rules. */
export class LocalCategorisedFactExtractor implements CategorisedFactExtractor {
  constructor(private readonly facts: FactExtractor) {}

  async extract(input: CategorisedExtractionInput): Promise<CategorisedFact[]> {
    const texts = await this.facts.extractFacts(input);
    const categories = categoriseByRules(texts, input.categories);
    return texts.map((text, index) => ({ text, categories: categories[index] ?? [] }));
  }
}
