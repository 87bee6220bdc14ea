import type { LlmProvider } from '@mnemo/providers';
import type { FactExtractionInput, FactExtractor } from '../extraction';
import { isRecord, normaliseMemoryText, parseJsonAnswer, type JsonAnswerFault } from './llm-answer';
import type { LlmCallOptions, WarnLogger } from './llm.types';
import {
  agentFactExtractionPrompt,
  customFactExtractionPrompt,
  factExtractionInput,
  userFactExtractionPrompt,
} from './prompts';

/** What can be wrong with an extraction answer; each yields the facts still readable, or none. */
export type FactAnswerFault = JsonAnswerFault | 'missing_facts_key' | 'malformed_item';

export interface ParsedFacts {
  facts: string[];
  faults: FactAnswerFault[];
}

/** Step 1 of the classic algorithm through an LLM in JSON mode. */
export class LlmFactExtractor implements FactExtractor {
  constructor(
    private readonly llm: LlmProvider,
    private readonly logger: WarnLogger,
    private readonly options: LlmCallOptions = {},
  ) {}

  /** Bad answers give `[]` (logged); provider errors propagate for the pipeline to retry. */
  async extractFacts(input: FactExtractionInput): Promise<string[]> {
    if (!hasSourceTurn(input)) return [];
    const answer = await this.llm.complete({
      messages: [
        { role: 'system', content: systemPrompt(input) },
        { role: 'user', content: factExtractionInput(input.messages) },
      ],
      json: true,
      ...this.options,
    });
    const { facts, faults } = parseFactsAnswer(answer);
    for (const fault of faults) {
      this.logger.warn(
        { fault, answerChars: answer.length, facts: facts.length },
        `fact extraction answer unusable (${fault}); ${facts.length} facts kept`,
      );
    }
    return facts;
  }
}

/** Reads `{"facts": [...]}` with string, `{fact}` or `{text}` items; duplicates and blanks go. */
export function parseFactsAnswer(answer: string): ParsedFacts {
  const parsed = parseJsonAnswer(answer);
  if (!parsed.ok) return { facts: [], faults: [parsed.fault] };
  const items = factItems(parsed.value);
  if (items === undefined) return { facts: [], faults: ['missing_facts_key'] };
  const facts: string[] = [];
  const seen = new Set<string>();
  let malformed = false;
  for (const item of items) {
    const fact = factText(item);
    if (fact === undefined) {
      malformed = true;
      continue;
    }
    const key = normaliseMemoryText(fact);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    facts.push(fact);
  }
  return { facts, faults: malformed ? ['malformed_item'] : [] };
}

function systemPrompt(input: FactExtractionInput): string {
  if (input.customInstructions?.trim()) {
    return customFactExtractionPrompt(input.customInstructions, input.today);
  }
  return input.agentMemory
    ? agentFactExtractionPrompt(input.today)
    : userFactExtractionPrompt(input.today);
}

// The default prompts read only one side of the conversation; with none of it there is nothing to ask.
function hasSourceTurn(input: FactExtractionInput): boolean {
  const source = input.agentMemory ? 'assistant' : 'user';
  const custom = Boolean(input.customInstructions?.trim());
  return input.messages.some((m) => (custom || m.role === source) && m.content.trim() !== '');
}

// A bare list is accepted too: models outside OpenAI's JSON mode often answer one.
function factItems(value: unknown): unknown[] | undefined {
  const list = isRecord(value) ? value['facts'] : value;
  return Array.isArray(list) ? (list as unknown[]) : undefined;
}

function factText(item: unknown): string | undefined {
  const text = isRecord(item) ? (item['fact'] ?? item['text']) : item;
  return typeof text === 'string' ? text.trim() : undefined;
}
