import { maxFactsPerAdd, type FactExtractionInput, type FactExtractor } from '../extraction-steps';
import { chineseStatementFacts, isMostlyChinese } from './chinese-statements';
import { filterByInstructions } from './custom-instructions.filter';
import type { ClassifiedFact } from './fact-category';
import { classifyFact } from './fact-classifier';
import { relate } from './fact-relation';
import { factsOfStatement } from './statement-facts';
import { segmentsOf, TimeSlices } from './time-slices';

/**
 * Mem0's fact-extraction step without a language model: pattern rules over wink-nlp sentences pull short,
 * third-person facts ("Lives in Hangzhou", "Prefers Sichuan cuisine") from the speaker's own turns,
 * the user's by default and the assistant's for agent memory. A turn mostly in Chinese gives the
 * speaker's statements themselves (chinese-statements.ts): no English rule reads it.
 */
export class LocalFactExtractor implements FactExtractor {
  /** Reads one segment at a time and yields the event loop between slices of a few ms. */
  async extractFacts(input: FactExtractionInput): Promise<string[]> {
    const kept = new DistinctFacts(maxFactsPerAdd);
    const slices = new TimeSlices();
    for (const facts of factsBySegment(input)) {
      kept.offer(facts);
      if (kept.full) break;
      await slices.pause();
    }
    return filterByInstructions(kept.facts, input.customInstructions);
  }
}

/** The same extraction in one go (warm-up and specs). */
export function extractLocalFacts(input: FactExtractionInput): string[] {
  const kept = new DistinctFacts(maxFactsPerAdd);
  for (const facts of factsBySegment(input)) {
    kept.offer(facts);
    if (kept.full) break;
  }
  return filterByInstructions(kept.facts, input.customInstructions);
}

/** The speaker's facts, one segment of one turn per step, in the order they were said. */
function* factsBySegment(input: FactExtractionInput): Generator<string[]> {
  const speaker = input.agentMemory ? 'assistant' : 'user';
  const context = { today: input.today, agentMemory: input.agentMemory };
  let offset = 0;
  for (const message of input.messages) {
    if (message.role.toLowerCase() !== speaker || typeof message.content !== 'string') continue;
    for (const segment of segmentsOf(message.content)) {
      yield isMostlyChinese(segment)
        ? chineseStatementFacts(segment)
        : factsOfStatement(segment, context, offset).map(({ fact }) => fact);
      offset += segment.length;
    }
    offset += 1;
  }
}

/** Keeps facts that do not repeat an earlier one in other words ("Loves sushi" after "Likes sushi"). */
class DistinctFacts {
  private readonly kept: Array<{ fact: string; classified: ClassifiedFact }> = [];

  constructor(private readonly limit: number) {}

  get full(): boolean {
    return this.kept.length >= this.limit;
  }

  get facts(): string[] {
    return this.kept.map((entry) => entry.fact);
  }

  offer(facts: readonly string[]): void {
    for (const fact of facts) {
      if (this.full) return;
      const classified = classifyFact(fact);
      if (!this.kept.some((earlier) => relate(classified, earlier.classified) === 'same'))
        this.kept.push({ fact, classified });
    }
  }
}
