import type { FactExtractionInput, FactExtractor } from '../extraction/extraction.types';
import { filterByInstructions } from './custom-instructions.filter';
import { classifyFact } from './fact-classifier';
import { relate } from './fact-relation';
import { factsOfStatement } from './statement-facts';

/**
 * Mem0's fact-extraction step without a language model: pattern rules over wink-nlp sentences pull short,
 * third-person facts ("Lives in Hangzhou", "Prefers Sichuan cuisine") from the speaker's own turns,
 * the user's by default and the assistant's for agent memory. English only.
 */
export class LocalFactExtractor implements FactExtractor {
  extractFacts(input: FactExtractionInput): Promise<string[]> {
    return Promise.resolve(extractLocalFacts(input));
  }
}

export function extractLocalFacts(input: FactExtractionInput): string[] {
  const speaker = input.agentMemory ? 'assistant' : 'user';
  const context = { today: input.today, agentMemory: input.agentMemory };
  const facts: string[] = [];
  let offset = 0;
  for (const message of input.messages) {
    if (message.role.toLowerCase() !== speaker || typeof message.content !== 'string') continue;
    for (const { fact } of factsOfStatement(message.content, context, offset)) facts.push(fact);
    offset += message.content.length + 1;
  }
  return filterByInstructions(distinct(facts), input.customInstructions);
}

/** Drops facts that repeat an earlier one in other words ("Loves sushi" after "Likes sushi"). */
function distinct(facts: readonly string[]): string[] {
  const kept: string[] = [];
  for (const fact of facts) {
    const classified = classifyFact(fact);
    if (!kept.some((earlier) => relate(classified, classifyFact(earlier)) === 'same'))
      kept.push(fact);
  }
  return kept;
}
