import type { MemoryRecord } from '@mnemo/contracts';
import { keyStems, normaliseKey, stemsMatch, textStems } from './key-words';

/** What a property name asks for, beyond matching memories by its words. */
export type KeyRole =
  | 'collection'
  | 'count'
  | 'user'
  | 'agent'
  | 'app'
  | 'run'
  | 'categories'
  | 'summary'
  | 'timestamp'
  | 'preferences'
  | 'dislikes'
  | 'topic';

const roles: Record<KeyRole, readonly string[]> = {
  collection: ['memories', 'memory', 'facts', 'items', 'entries', 'notes', 'records', 'data'],
  count: ['count', 'total', 'memory_count', 'total_memories', 'num_memories', 'size'],
  user: ['user_id', 'user', 'userid', 'user_name', 'username'],
  agent: ['agent_id', 'agent'],
  app: ['app_id', 'app'],
  run: ['run_id', 'session_id', 'run', 'session'],
  categories: ['categories', 'tags', 'topics', 'labels'],
  summary: ['summary', 'overview', 'synopsis', 'digest'],
  timestamp: ['exported_at', 'generated_at', 'export_date', 'timestamp'],
  preferences: ['preferences', 'likes', 'interests', 'favorites', 'favourites'],
  dislikes: ['dislikes', 'aversions', 'hates'],
  topic: ['topic', 'category'],
};

const roleByKey = new Map<string, KeyRole>(
  Object.entries(roles).flatMap(([role, keys]) => keys.map((key) => [key, role as KeyRole])),
);

export function roleOfKey(key: string | undefined): KeyRole | undefined {
  return key === undefined ? undefined : roleByKey.get(normaliseKey(key));
}

const liking = /\b(likes?|loves?|prefers?|enjoys?|favou?rites?|fan of)\b/i;
const disliking =
  /\b(dislikes?|hates?|avoids?|can'?t stand|(do|does|did)(n'?t| not) (like|enjoy|want))\b/i;
const preferenceCategories = /^(preferences?|favou?rites?|hobb(y|ies)|interests?)$/i;

export function isDislike(memory: MemoryRecord): boolean {
  return disliking.test(memory.memory);
}

export function isPreference(memory: MemoryRecord): boolean {
  if (isDislike(memory)) return false;
  return memory.categories.some((c) => preferenceCategories.test(c)) || liking.test(memory.memory);
}

/** Memories whose categories or words share a stem with the key's words. */
export function matchingMemories(key: string, memories: MemoryRecord[]): MemoryRecord[] {
  const stems = keyStems(key);
  if (stems.length === 0) return [];
  return memories.filter((memory) => {
    const candidates = [...memory.categories.flatMap(keyStems), ...textStems(memory.memory)];
    return stems.some((wanted) => candidates.some((found) => stemsMatch(wanted, found)));
  });
}

/** The memories a property draws on: all of them, a role's subset, or those matching its words. */
export function memoriesForKey(key: string | undefined, memories: MemoryRecord[]): MemoryRecord[] {
  switch (roleOfKey(key)) {
    case undefined:
      return key === undefined ? memories : matchingMemories(key, memories);
    case 'preferences':
      return memories.filter(isPreference);
    case 'dislikes':
      return memories.filter(isDislike);
    case 'collection':
    case 'summary':
    case 'count':
    case 'categories':
    case 'topic':
    case 'timestamp':
    case 'user':
    case 'agent':
    case 'app':
    case 'run':
      return memories;
  }
}
