import type { HistoryEntry, MemoryRecord } from '@mnemo/contracts';
import type { MemoryHistoryEntity } from './memory-history.entity';
import type { MemoryEntity } from './memory.entity';
import { toDateString, type StoredMemory } from './memory.row';

export function toMemoryRecord(entity: MemoryEntity): MemoryRecord {
  return {
    id: entity.id,
    projectId: entity.projectId,
    memory: entity.memory,
    hash: entity.hash,
    metadata: entity.metadata,
    categories: entity.categories ?? [],
    userId: entity.userId,
    agentId: entity.agentId,
    appId: entity.appId,
    runId: entity.runId,
    actorId: entity.actorId,
    role: entity.role,
    expirationDate: toDateString(entity.expirationDate),
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

/** A written row as a search would read it back, vector included. */
export function toStoredMemory(entity: MemoryEntity): StoredMemory {
  return {
    record: toMemoryRecord(entity),
    embedding: entity.embedding,
    embeddingModel: entity.embeddingModel,
  };
}

export function toHistoryEntry(entity: MemoryHistoryEntity): HistoryEntry {
  return {
    id: entity.id,
    memoryId: entity.memoryId,
    oldMemory: entity.oldMemory,
    newMemory: entity.newMemory,
    event: entity.event,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
    isDeleted: entity.isDeleted,
    actorId: entity.actorId,
    role: entity.role,
  };
}
