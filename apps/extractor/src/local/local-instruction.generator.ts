import type { GeneratedInstructions, InstructionGenerator } from '../extraction-steps';

/** Offline: a fixed template around the use case; the local extractor follows its fact rules anyway. */
export class LocalInstructionGenerator implements InstructionGenerator {
  generate(useCase: string): Promise<GeneratedInstructions> {
    const topic = useCase.trim().replace(/\s+/g, ' ');
    return Promise.resolve({
      customInstructions: [
        `Extract facts that matter for this use case: ${topic}.`,
        'Keep stated preferences, dislikes, budgets, locations, plans, identity details and health constraints.',
        'Write each fact as a short statement without the subject, keeping names, numbers and currencies.',
        'Ignore greetings, questions and general knowledge.',
      ].join('\n'),
      testMessage: `I'd like help with ${topic}. I prefer quick answers, my budget is about 100 yuan, and I live in Hangzhou.`,
    });
  }
}
