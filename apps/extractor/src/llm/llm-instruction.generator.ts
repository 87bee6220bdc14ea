import type { LlmProvider } from '@mnemo/providers';
import type { GeneratedInstructions, InstructionGenerator } from '../extraction-steps';
import { cleanAnswer } from './llm-answer';
import type { LlmCallOptions, WarnLogger } from './llm.types';
import { GENERATE_INSTRUCTIONS_PROMPT, generateInstructionsRequest } from './prompts';

// The markers as models write them: bare, in bold or as a heading, `TEST MESSAGE` with a space.
const INSTRUCTIONS_AT = /[#*\s]*\bINSTRUCTIONS\s*:[*\s]*/;
const TEST_MESSAGE_AT = /[#*\s]*\bTEST[_ ]MESSAGE\s*:[*\s]*/;

/** `POST /generate-instructions`: asks for custom instructions and a test message in one answer. */
export class LlmInstructionGenerator implements InstructionGenerator {
  constructor(
    private readonly llm: LlmProvider,
    private readonly logger: WarnLogger,
    private readonly options: LlmCallOptions = {},
  ) {}

  async generate(useCase: string): Promise<GeneratedInstructions> {
    const answer = await this.llm.complete({
      messages: [
        { role: 'system', content: GENERATE_INSTRUCTIONS_PROMPT },
        { role: 'user', content: generateInstructionsRequest(useCase) },
      ],
      ...this.options,
    });
    const { sections, missing } = splitInstructionsAnswer(answer);
    for (const marker of missing) {
      this.logger.warn(
        { fault: 'missing_marker', marker, answerChars: answer.length },
        `generated instructions lack the ${marker} marker`,
      );
    }
    return sections;
  }
}

export interface SplitInstructions {
  sections: GeneratedInstructions;
  missing: ('INSTRUCTIONS' | 'TEST_MESSAGE')[];
}

/**
 * Splits on the two markers in either order. Without `INSTRUCTIONS:`, the text before
 * `TEST_MESSAGE:` (or the whole answer) is the instructions; without `TEST_MESSAGE:` the test
 * message is empty.
 */
export function splitInstructionsAnswer(answer: string): SplitInstructions {
  const text = cleanAnswer(answer);
  const instructions = INSTRUCTIONS_AT.exec(text);
  const test = TEST_MESSAGE_AT.exec(text);
  const missing: SplitInstructions['missing'] = [];
  if (!instructions) missing.push('INSTRUCTIONS');
  if (!test) missing.push('TEST_MESSAGE');
  const end = (match: RegExpExecArray) => match.index + match[0].length;
  const upTo = (from: number, other: RegExpExecArray | null) =>
    other && other.index >= from ? text.slice(from, other.index) : text.slice(from);
  const customInstructions = instructions
    ? upTo(end(instructions), test)
    : text.slice(0, test?.index ?? text.length);
  const testMessage = test ? upTo(end(test), instructions) : '';
  return {
    sections: { customInstructions: tidy(customInstructions), testMessage: tidy(testMessage) },
    missing,
  };
}

// Models often quote the test message or leave the fences of a code block around a section.
function tidy(section: string): string {
  return section
    .trim()
    .replace(/^```[a-zA-Z]*\s*|\s*```$/g, '')
    .replace(/^"([\s\S]*)"$/, '$1')
    .trim();
}
