import type {
  AddResult,
  EntitySummary,
  HistoryEntry,
  MemoryRecord,
  ScoredMemory,
} from '@mnemo/contracts';

type Json = Record<string, unknown>;

/** The open-source server's MemoryItem: promoted keys appear only when present. */
export function toOssMemoryItem(record: MemoryRecord, score?: number | null): Json {
  const item: Json = {
    id: record.id,
    memory: record.memory,
    hash: record.hash,
    metadata: record.metadata,
  };
  if (score !== undefined) item['score'] = score;
  item['created_at'] = record.createdAt;
  item['updated_at'] = record.updatedAt;
  const promoted: [string, unknown][] = [
    ['user_id', record.userId],
    ['agent_id', record.agentId],
    ['run_id', record.runId],
    ['actor_id', record.actorId],
    ['role', record.role],
    ['expiration_date', record.expirationDate],
  ];
  for (const [key, value] of promoted) if (value !== null && value !== undefined) item[key] = value;
  return item;
}

export function toOssSearchItem(memory: ScoredMemory): Json {
  const item = toOssMemoryItem(memory, memory.score);
  if (memory.scoreDetails) {
    const d = memory.scoreDetails;
    item['score_details'] = {
      semantic_score: d.semanticScore,
      bm25_score: d.bm25Score,
      entity_boost: d.entityBoost,
      raw_score: d.rawScore,
      max_possible_score: d.maxPossibleScore,
      final_score: d.finalScore,
      threshold: d.threshold,
    };
  }
  return item;
}

export function toOssAddResult(result: AddResult, verbatim: boolean): Json {
  const item: Json = { id: result.id, memory: result.memory, event: result.event };
  if (result.previousMemory !== undefined) item['previous_memory'] = result.previousMemory;
  if (verbatim) {
    item['actor_id'] = result.actorId ?? null;
    item['role'] = result.role ?? null;
  }
  return item;
}

export function toOssHistoryEntry(entry: HistoryEntry): Json {
  return {
    id: entry.id,
    memory_id: entry.memoryId,
    old_memory: entry.oldMemory,
    new_memory: entry.newMemory,
    event: entry.event,
    created_at: entry.createdAt,
    updated_at: entry.updatedAt,
    is_deleted: entry.isDeleted,
    actor_id: entry.actorId,
    role: entry.role,
  };
}

export function toOssEntity(entity: EntitySummary): Json {
  return {
    id: entity.id,
    type: entity.type,
    total_memories: entity.totalMemories,
    created_at: entity.createdAt,
    updated_at: entity.updatedAt,
  };
}

/** The admin listing (no ids given): raw rows. */
export function toOssAdminItem(record: MemoryRecord): Json {
  return {
    id: record.id,
    memory: record.memory,
    user_id: record.userId,
    agent_id: record.agentId,
    run_id: record.runId,
    hash: record.hash,
    expiration_date: record.expirationDate,
    metadata: record.metadata,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}
