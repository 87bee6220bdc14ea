import type { MemoryGroup } from './topic-grouping';

const shownPerGroup = 8;

/** A group's memories as one sentence: the newest few, then how many more there are. */
export function localSummaryOf(group: MemoryGroup): string {
  const texts = [
    ...new Set(group.memories.map((memory) => memory.memory.trim().replace(/[.;]+$/, ''))),
  ];
  const shown = texts.slice(0, shownPerGroup).join('; ');
  const rest = texts.length - shownPerGroup;
  return rest > 0 ? `${shown}; and ${rest} more.` : `${shown}.`;
}
