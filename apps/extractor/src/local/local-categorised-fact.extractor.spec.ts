import type { FactExtractionInput, FactExtractor } from '../extraction-steps';
import { LocalCategorisedFactExtractor } from './local-categorised-fact.extractor';

class FixedFacts implements FactExtractor {
  extractFacts(_input: FactExtractionInput): Promise<string[]> {
    return Promise.resolve(['Has two cats', 'Owns a red umbrella']);
  }
}

describe(LocalCategorisedFactExtractor.name, () => {
  it("files the rule extractor's facts under the add's categories", async () => {
    const extractor = new LocalCategorisedFactExtractor(new FixedFacts());
    const facts = await extractor.extract({
      messages: [{ role: 'user', content: 'I have two cats and a red umbrella' }],
      agentMemory: false,
      today: '2026-04-20',
      categories: [
        { name: 'pets', description: 'Cats, dogs and other animals' },
        { name: 'misc', description: 'Anything else' },
      ],
    });
    expect(facts).toEqual([
      { text: 'Has two cats', categories: ['pets'] },
      { text: 'Owns a red umbrella', categories: ['misc'] },
    ]);
  });
});
