import { eng as englishStopwords } from 'stopword';
import stem from 'wink-porter2-stemmer';
import type { MemoryRecord } from '@mnemo/contracts';
import { isDislike, isPreference } from '../json-schema/key-roles';

export interface MemoryGroup {
  /** a memory category, or a keyword topic for memories that carry none */
  category: string;
  memories: MemoryRecord[];
}

export const otherTopic = 'other';

// Verbs that say how a fact is held, not what it is about: never a topic of their own.
const generic = new Set(
  [
    ...englishStopwords,
    ...['like', 'likes', 'love', 'loves', 'enjoy', 'enjoys', 'prefer', 'prefers', 'want', 'wants'],
    ...['need', 'needs', 'use', 'uses', 'get', 'gets', 'make', 'makes', 'go', 'goes', 'also'],
    ...['really', 'usually', 'often', 'always', 'never', 'user', 'name'],
  ].map(stem),
);

/**
 * Groups memories by their categories (a memory joins each of its categories); memories without
 * categories go to `preferences` / `dislikes` when they state one, else to the keyword shared by
 * the most of them (greedily, two memories at least), else to `other`. Largest groups first.
 */
export function groupMemories(memories: MemoryRecord[]): MemoryGroup[] {
  const groups = new Map<string, MemoryRecord[]>();
  const add = (category: string, memory: MemoryRecord) =>
    groups.set(category, [...(groups.get(category) ?? []), memory]);
  const loose: MemoryRecord[] = [];
  for (const memory of memories) {
    const categories = [...new Set(memory.categories.map((c) => c.trim()).filter(Boolean))];
    if (categories.length > 0) categories.forEach((category) => add(category, memory));
    else if (isDislike(memory)) add('dislikes', memory);
    else if (isPreference(memory)) add('preferences', memory);
    else loose.push(memory);
  }
  for (const group of keywordTopics(loose)) {
    group.memories.forEach((memory) => add(group.category, memory));
  }
  return [...groups.entries()]
    .map(([category, members]) => ({ category, memories: members }))
    .sort(byCountThenName);
}

function keywordTopics(memories: MemoryRecord[]): MemoryGroup[] {
  const terms = new Map(memories.map((memory) => [memory, topicTerms(memory.memory)]));
  const topics: MemoryGroup[] = [];
  let remaining = memories;
  for (;;) {
    const best = mostSharedTerm(remaining, terms);
    if (!best) break;
    topics.push({ category: best.label, memories: best.members });
    remaining = remaining.filter((memory) => !best.members.includes(memory));
  }
  if (remaining.length > 0) topics.push({ category: otherTopic, memories: remaining });
  return topics;
}

/** A memory's topic candidates: stem -> the word as written (lower-cased). */
function topicTerms(text: string): Map<string, string> {
  const terms = new Map<string, string>();
  for (const word of text.toLowerCase().match(/\p{L}[\p{L}\p{N}'-]*/gu) ?? []) {
    const root = stem(word);
    if (word.length >= 3 && !generic.has(root) && !terms.has(root)) terms.set(root, word);
  }
  return terms;
}

function mostSharedTerm(
  memories: MemoryRecord[],
  terms: Map<MemoryRecord, Map<string, string>>,
): { label: string; members: MemoryRecord[] } | undefined {
  const holders = new Map<string, MemoryRecord[]>();
  for (const memory of memories) {
    for (const root of terms.get(memory)?.keys() ?? []) {
      holders.set(root, [...(holders.get(root) ?? []), memory]);
    }
  }
  const ranked = [...holders.entries()]
    .filter(([, members]) => members.length >= 2)
    .sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b));
  const top = ranked[0];
  if (!top) return undefined;
  const [root, members] = top;
  return { label: terms.get(members[0])?.get(root) ?? root, members };
}

function byCountThenName(a: MemoryGroup, b: MemoryGroup): number {
  if ((a.category === otherTopic) !== (b.category === otherTopic)) {
    return a.category === otherTopic ? 1 : -1;
  }
  return b.memories.length - a.memories.length || a.category.localeCompare(b.category);
}
