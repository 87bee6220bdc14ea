import type { MemoryRecord } from '@mnemo/contracts';
import { normaliseKey } from './key-words';

type FieldReader = (memory: MemoryRecord) => unknown;

const readers: Record<string, FieldReader> = {};
const alias = (keys: string[], read: FieldReader) => keys.forEach((key) => (readers[key] = read));

alias(['id', 'memory_id', 'uuid'], (m) => m.id);
alias(
  ['memory', 'text', 'content', 'fact', 'value', 'description', 'note', 'statement', 'details'],
  (m) => m.memory,
);
alias(['categories', 'tags', 'labels', 'topics'], (m) => m.categories);
alias(['category', 'topic', 'type', 'kind'], (m) => m.categories[0]);
alias(['created_at', 'created', 'date', 'timestamp', 'time'], (m) => m.createdAt);
alias(['updated_at', 'updated'], (m) => m.updatedAt);
alias(['user_id', 'user'], (m) => m.userId ?? undefined);
alias(['agent_id', 'agent'], (m) => m.agentId ?? undefined);
alias(['app_id', 'app'], (m) => m.appId ?? undefined);
alias(['run_id', 'session_id', 'run', 'session'], (m) => m.runId ?? undefined);
alias(['metadata'], (m) => m.metadata ?? undefined);
alias(['expiration_date', 'expires_at', 'expires'], (m) => m.expirationDate ?? undefined);
alias(['hash'], (m) => m.hash);

/** One field of one memory, by a schema's property name; metadata keys answer too. */
export function memoryFieldValue(key: string, memory: MemoryRecord): unknown {
  const reader = readers[normaliseKey(key)];
  if (reader) return reader(memory);
  return memory.metadata?.[key] ?? memory.metadata?.[normaliseKey(key)];
}

/** The latest value a metadata key holds across memories (newest first), if any. */
export function metadataValue(key: string, memories: MemoryRecord[]): unknown {
  for (const memory of memories) {
    const value = memory.metadata?.[key] ?? memory.metadata?.[normaliseKey(key)];
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

/** A memory as a plain snake_case object, for schemas that leave an item's shape open. */
export function memoryObject(memory: MemoryRecord): Record<string, unknown> {
  return {
    id: memory.id,
    memory: memory.memory,
    categories: memory.categories,
    user_id: memory.userId,
    agent_id: memory.agentId,
    app_id: memory.appId,
    run_id: memory.runId,
    metadata: memory.metadata,
    created_at: memory.createdAt,
    updated_at: memory.updatedAt,
  };
}
