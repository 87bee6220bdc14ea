import type { LlmProvider } from '@mnemo/providers';
import { categoriseByRules } from '../categories/category-rules';
import type { CategoryDefinition } from '../categories/category-definition';
import type {
  CategorisedExtractionInput,
  CategorisedFact,
  CategorisedFactExtractor,
} from '../extraction-steps';
import { isRecord, normaliseMemoryText, parseJsonAnswer, type JsonAnswerFault } from './llm-answer';
import type { LlmCallOptions, WarnLogger } from './llm.types';
import {
  agentFactExtractionPrompt,
  customFactExtractionPrompt,
  factExtractionInput,
  userFactExtractionPrompt,
} from './prompts';

/** What can be wrong with an extraction answer; each yields the facts still readable, or none. */
export type FactAnswerFault =
  JsonAnswerFault | 'missing_facts_key' | 'malformed_item' | 'missing_categories';

/** A fact as read from the answer: `categories` undefined when the model gave none usable. */
export interface ParsedFact {
  text: string;
  categories?: string[];
}

export interface ParsedFacts {
  facts: ParsedFact[];
  faults: FactAnswerFault[];
}

/** Step 1 of the classic algorithm through an LLM in JSON mode, categories in the same answer. */
export class LlmFactExtractor implements CategorisedFactExtractor {
  constructor(
    private readonly llm: LlmProvider,
    private readonly logger: WarnLogger,
    private readonly options: LlmCallOptions = {},
  ) {}

  /**
   * Bad answers give `[]` and facts without usable categories get the offline rules' (logged);
   * provider errors propagate for the pipeline to retry.
   */
  async extract(input: CategorisedExtractionInput): Promise<CategorisedFact[]> {
    if (!hasSourceTurn(input)) return [];
    const answer = await this.llm.complete({
      messages: [
        { role: 'system', content: systemPrompt(input) },
        { role: 'user', content: factExtractionInput(input.messages) },
      ],
      json: true,
      ...this.options,
    });
    const { facts, faults } = parseFactsAnswer(answer, input.categories);
    for (const fault of faults) {
      this.logger.warn(
        { fault, answerChars: answer.length, facts: facts.length },
        `fact extraction answer fault ${fault}; ${facts.length} facts kept`,
      );
    }
    return withCategories(facts, input.categories);
  }
}

/**
 * Reads `{"facts": [...]}` with `{fact, categories}`, `{text}` or plain string items; duplicates
 * and blanks go, category names outside `categories` are dropped (case does not count).
 */
export function parseFactsAnswer(answer: string, categories: CategoryDefinition[]): ParsedFacts {
  const parsed = parseJsonAnswer(answer);
  if (!parsed.ok) return { facts: [], faults: [parsed.fault] };
  const items = factItems(parsed.value);
  if (items === undefined) return { facts: [], faults: ['missing_facts_key'] };
  const names = new Map(categories.map((c) => [c.name.toLowerCase(), c.name]));
  const facts: ParsedFact[] = [];
  const seen = new Set<string>();
  const faults = new Set<FactAnswerFault>();
  for (const item of items) {
    const fact = readFact(item, names);
    if (fact === undefined) {
      faults.add('malformed_item');
      continue;
    }
    const key = normaliseMemoryText(fact.text);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    if (fact.categories === undefined) faults.add('missing_categories');
    facts.push(fact);
  }
  return { facts, faults: [...faults] };
}

/** Facts the model filed under no known category get the offline rules' categories. */
function withCategories(facts: ParsedFact[], categories: CategoryDefinition[]): CategorisedFact[] {
  const bare = facts.filter((fact) => fact.categories === undefined).map((fact) => fact.text);
  const byRules = categoriseByRules(bare, categories);
  let next = 0;
  return facts.map((fact) => ({
    text: fact.text,
    categories: fact.categories ?? byRules[next++] ?? [],
  }));
}

function systemPrompt(input: CategorisedExtractionInput): string {
  const { today, categories } = input;
  if (input.customInstructions?.trim()) {
    return customFactExtractionPrompt(input.customInstructions, today, categories);
  }
  return input.agentMemory
    ? agentFactExtractionPrompt(today, categories)
    : userFactExtractionPrompt(today, categories);
}

// The default prompts read only one side of the conversation; with none of it there is nothing to ask.
function hasSourceTurn(input: CategorisedExtractionInput): boolean {
  const source = input.agentMemory ? 'assistant' : 'user';
  const custom = Boolean(input.customInstructions?.trim());
  return input.messages.some((m) => (custom || m.role === source) && m.content.trim() !== '');
}

// A bare list is accepted too: models outside OpenAI's JSON mode often answer one.
function factItems(value: unknown): unknown[] | undefined {
  const list = isRecord(value) ? value['facts'] : value;
  return Array.isArray(list) ? (list as unknown[]) : undefined;
}

function readFact(item: unknown, names: Map<string, string>): ParsedFact | undefined {
  if (typeof item === 'string') return { text: item.trim() };
  if (!isRecord(item)) return undefined;
  const text = item['fact'] ?? item['text'];
  if (typeof text !== 'string') return undefined;
  return {
    text: text.trim(),
    categories: knownCategories(item['categories'] ?? item['category'], names),
  };
}

// One name or a list; unknown names are dropped, and none left means "not categorised".
function knownCategories(value: unknown, names: Map<string, string>): string[] | undefined {
  const raw = Array.isArray(value) ? (value as unknown[]) : [value];
  const known = raw.flatMap((name) => {
    const canonical = typeof name === 'string' ? names.get(name.trim().toLowerCase()) : undefined;
    return canonical === undefined ? [] : [canonical];
  });
  return known.length > 0 ? [...new Set(known)] : undefined;
}
