import type { LlmProvider } from '@mnemo/providers';
import type { MemoryDecision, UpdateDecider, UpdateDecisionInput } from '../extraction-steps';
import type { LlmCallOptions, WarnLogger } from './llm.types';
import { updateDecisionPrompt } from './prompts';
import {
  addEveryNewFact,
  resolveUpdateAnswer,
  type MappedMemory,
  type UpdateAnswerFault,
} from './update-answer.resolver';

const FAULT_OUTCOMES: Record<UpdateAnswerFault, string> = {
  empty_answer: 'facts not stored word for word ADDed',
  invalid_json: 'facts not stored word for word ADDed',
  missing_memory_key: 'facts not stored word for word ADDed',
  empty_memory_list: 'facts not stored word for word ADDed',
  malformed_item: 'item skipped, facts it left uncovered ADDed',
  missing_event: 'ADD when the id is new and the text is not empty, else skipped',
  unknown_event: 'ADD when the id is new and the text is not empty, else skipped',
  unknown_id: 'item skipped, facts it left uncovered ADDed',
  empty_text: 'item skipped, facts it left uncovered ADDed',
  conflicting_id: 'later item on the same memory skipped, facts it left uncovered ADDed',
  duplicate_add: 'NONE on the stored memory',
  duplicate_delete: 'NONE instead of DELETE',
  lost_fact: 'fact no item carried ADDed',
};

/** Step 2 of the classic algorithm: one LLM call decides ADD/UPDATE/DELETE/NONE for all facts. */
export class LlmUpdateDecider implements UpdateDecider {
  constructor(
    private readonly llm: LlmProvider,
    private readonly logger: WarnLogger,
    private readonly options: LlmCallOptions = {},
  ) {}

  /** Answer faults have defined outcomes (logged once each); provider errors propagate. */
  async decide(input: UpdateDecisionInput): Promise<MemoryDecision[]> {
    if (input.facts.length === 0) return [];
    const shown = mapIds(input.existing);
    // Nothing to compare with: every distinct fact is new, and a model can only get that wrong.
    if (shown.length === 0) return addEveryNewFact(input.facts, shown);
    const answer = await this.llm.complete({
      messages: [{ role: 'user', content: updateDecisionPrompt(shown, input.facts) }],
      json: true,
      ...this.options,
    });
    const { decisions, faults } = resolveUpdateAnswer(answer, input.facts, shown);
    for (const [fault, count] of faults) {
      this.logger.warn(
        {
          fault,
          count,
          facts: input.facts.length,
          shown: shown.length,
          answerChars: answer.length,
        },
        `update decision answer fault ${fault}: ${FAULT_OUTCOMES[fault]}`,
      );
    }
    return decisions;
  }
}

/** Real ids become "0", "1", ... so the model can neither see nor invent a stored id. */
function mapIds(existing: UpdateDecisionInput['existing']): MappedMemory[] {
  const seen = new Set<string>();
  const shown: MappedMemory[] = [];
  for (const memory of existing) {
    if (seen.has(memory.id)) continue;
    seen.add(memory.id);
    shown.push({ id: String(shown.length), realId: memory.id, text: memory.text });
  }
  return shown;
}
