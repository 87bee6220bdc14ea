import type { JsonObject, MemoryRecord } from '@mnemo/contracts';
import { groupMemories } from '../summaries/topic-grouping';

/** A profile without an LLM: the user's facts grouped by category (or topic), newest first. */
export function localProfile(memories: MemoryRecord[]): JsonObject {
  return Object.fromEntries(
    groupMemories(memories).map((group) => [
      group.category,
      [...new Set(group.memories.map((memory) => memory.memory))],
    ]),
  );
}
