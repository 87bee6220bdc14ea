import type {
  AddResult,
  EntitySummary,
  HistoryEntry,
  MemoryRecord,
  ScoredMemory,
} from '@mnemo/contracts';
import { structuredAttributes } from './structured-attributes';

type Json = Record<string, unknown>;

/** v3 list item: the run id is called `session_id` here (and `run_id` in v3 search). */
export function toV3ListItem(record: MemoryRecord): Json {
  return {
    id: record.id,
    memory: record.memory,
    user_id: record.userId,
    agent_id: record.agentId,
    app_id: record.appId,
    session_id: record.runId,
    metadata: record.metadata,
    categories: record.categories,
    structured_attributes: structuredAttributes(record.createdAt),
    replaced_by: null,
    synthesized: false,
    expiration_date: record.expirationDate,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

/** `GET|PUT /v1/memories/{id}/`. */
export function toPlatformMemory(record: MemoryRecord): Json {
  return { ...toV3ListItem(record), lifecycle_state: 'active' };
}

/** v3 search item; `score_breakdown` when the store explained the score. */
export function toV3SearchItem(memory: ScoredMemory): Json {
  const item: Json = {
    id: memory.id,
    memory: memory.memory,
    user_id: memory.userId,
    agent_id: memory.agentId,
    app_id: memory.appId,
    run_id: memory.runId,
    score: memory.score,
  };
  if (memory.scoreDetails) {
    item['score_breakdown'] = {
      semantic: memory.scoreDetails.semanticScore,
      bm25: memory.scoreDetails.bm25Score,
      entity: memory.scoreDetails.entityBoost,
    };
  }
  return {
    ...item,
    metadata: memory.metadata,
    categories: memory.categories,
    expiration_date: memory.expirationDate,
    created_at: memory.createdAt,
    updated_at: memory.updatedAt,
  };
}

export function toV2SearchItem(memory: ScoredMemory): Json {
  return {
    id: memory.id,
    memory: memory.memory,
    user_id: memory.userId,
    agent_id: memory.agentId,
    app_id: memory.appId,
    session_id: memory.runId,
    score: memory.score,
    metadata: memory.metadata,
    categories: memory.categories,
    expiration_date: memory.expirationDate,
    created_at: memory.createdAt,
    updated_at: memory.updatedAt,
  };
}

/** v1 list and search items (older shape: `run_id`, `hash`, `immutable`). */
export function toLegacyItem(record: MemoryRecord, score?: number): Json {
  const item: Json = {
    id: record.id,
    memory: record.memory,
    user_id: record.userId,
    agent_id: record.agentId,
    app_id: record.appId,
    run_id: record.runId,
    hash: record.hash,
  };
  if (score !== undefined) item['score'] = score;
  return {
    ...item,
    metadata: record.metadata,
    categories: record.categories,
    immutable: false,
    expiration_date: record.expirationDate,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

export function toV1SearchItem(memory: ScoredMemory): Json {
  return toLegacyItem(memory, memory.score);
}

/** Keeps `id` and the requested fields, as the Platform's `fields` option does. */
export function withFields(item: Json, fields: readonly string[] | null | undefined): Json {
  if (!fields || fields.length === 0) return item;
  return Object.fromEntries(
    Object.entries(item).filter(([key]) => key === 'id' || fields.includes(key)),
  );
}

/** Platform history: entity ids come from the memory (null once it is gone). */
export function toPlatformHistory(entry: HistoryEntry, memory: MemoryRecord | null): Json {
  return {
    id: entry.id,
    memory_id: entry.memoryId,
    input: [],
    old_memory: entry.oldMemory,
    new_memory: entry.newMemory,
    user_id: memory?.userId ?? null,
    agent_id: memory?.agentId ?? null,
    app_id: memory?.appId ?? null,
    session_id: memory?.runId ?? null,
    categories: memory?.categories ?? [],
    event: entry.event,
    metadata: memory?.metadata ?? null,
    created_at: entry.createdAt,
    updated_at: entry.updatedAt,
  };
}

/** A finished add's item in the v3 and v1.0 shape. */
export function toAddItem(result: AddResult): Json {
  return { id: result.id, data: { memory: result.memory }, event: result.event };
}

/** A finished add's item in the v1.1 shape. */
export function toAddItemV11(result: AddResult): Json {
  return { id: result.id, event: result.event, memory: result.memory };
}

/** Entities have no numeric id here: the name is the identity, so it serves as both. */
export function toPlatformEntity(entity: EntitySummary, owner: string): Json {
  return {
    id: entity.id,
    name: entity.id,
    type: entity.type,
    created_at: entity.createdAt,
    updated_at: entity.updatedAt,
    owner,
    metadata: {},
    total_memories: entity.totalMemories,
  };
}
