import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { MemoryHistoryEntity } from './memory-history.entity';

export interface HistoryRecord {
  projectId: string;
  memoryId: string;
  oldMemory: string | null;
  newMemory: string | null;
  event: 'ADD' | 'UPDATE' | 'DELETE';
  at: Date;
  actorId?: string | null;
  role?: string | null;
}

/** One history row per change, written in the caller's transaction. */
export async function recordHistory(
  manager: EntityManager,
  records: HistoryRecord[],
): Promise<void> {
  if (records.length === 0) return;
  await manager.insert(
    MemoryHistoryEntity,
    records.map((record) => ({
      projectId: record.projectId,
      id: randomUUID(),
      memoryId: record.memoryId,
      oldMemory: record.oldMemory,
      newMemory: record.newMemory,
      event: record.event,
      actorId: record.actorId ?? null,
      role: record.role ?? null,
      isDeleted: record.event === 'DELETE',
      createdAt: record.at,
      updatedAt: record.at,
    })),
  );
}
