import { Injectable } from '@nestjs/common';
import {
  DomainError,
  type MemoryRecord,
  type RequestOf,
  type updateMemoryContract,
} from '@mnemo/contracts';
import { EmbedderClient } from '@mnemo/clients';
import { recordHistory } from '../memories/history.writer';
import { MemoriesRepository } from '../memories/memories.repository';
import { MemoryEntity } from '../memories/memory.entity';
import { toMemoryRecord, toStoredMemory } from '../memories/memory.mapper';
import { isDuplicateKey, md5 } from '../memories/scope-key';
import { memoryDeletedEvents, memoryUpdatedEvents } from '../outbox/memory-event.builder';
import { MemoryEventsOutbox } from '../outbox/memory-events.outbox';
import { IndexFreshness } from '../search-index/index-freshness';

export type MemoryPatch = RequestOf<typeof updateMemoryContract>;

const deleteBatch = 1000;

// Every column but the vector: what a deleted memory's last-state event carries.
const withoutEmbedding = {
  projectId: true,
  id: true,
  memory: true,
  hash: true,
  metadata: true,
  categories: true,
  userId: true,
  agentId: true,
  appId: true,
  runId: true,
  actorId: true,
  role: true,
  expirationDate: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** Direct edits: update one, delete one, delete many; each change with its history row and event. */
@Injectable()
export class MemoryEditsService {
  constructor(
    private readonly repository: MemoriesRepository,
    private readonly embedder: EmbedderClient,
    private readonly outbox: MemoryEventsOutbox,
    private readonly freshness: IndexFreshness,
  ) {}

  async update(patch: MemoryPatch): Promise<MemoryRecord | null> {
    const textVector = patch.text ? await this.embedder.embedDocuments([patch.text]) : undefined;
    const updated = await this.repository.transaction(async (manager) => {
      // Locked, so concurrent edits each see the state the other left (and its event says so).
      const existing = await manager.findOne(MemoryEntity, {
        where: { projectId: patch.projectId, id: patch.memoryId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!existing) return null;
      const now = new Date();
      const changes: Partial<MemoryEntity> = { updatedAt: now };
      if (patch.text !== undefined && textVector) {
        Object.assign(changes, {
          memory: patch.text,
          hash: md5(patch.text),
          embedding: textVector.vectors[0],
          embeddingModel: textVector.model,
        });
      }
      if (patch.metadata !== undefined) changes.metadata = patch.metadata;
      if (patch.expirationDate !== undefined) changes.expirationDate = patch.expirationDate;
      if (patch.categories !== undefined) changes.categories = patch.categories;
      try {
        await manager.update(
          MemoryEntity,
          { projectId: patch.projectId, id: patch.memoryId },
          changes as never,
        );
      } catch (err) {
        if (isDuplicateKey(err))
          throw new DomainError('conflict', 'Another memory in this scope already has this text.');
        throw err;
      }
      await recordHistory(manager, [
        {
          projectId: patch.projectId,
          memoryId: patch.memoryId,
          oldMemory: existing.memory,
          newMemory: patch.text ?? existing.memory,
          event: 'UPDATE',
          at: now,
        },
      ]);
      const after = await this.repository.findById(patch.projectId, patch.memoryId, manager);
      if (!after) return null;
      const record = toMemoryRecord(after);
      await this.outbox.record(
        manager,
        memoryUpdatedEvents(toMemoryRecord(existing), record, { at: now }),
      );
      return { record, after, version: await this.freshness.stamp(manager, patch.projectId) };
    });
    if (!updated) return null;
    const change = { upserts: [toStoredMemory(updated.after)], deletes: [] };
    this.freshness.committed(patch.projectId, updated.version, change);
    this.outbox.committed();
    return updated.record;
  }

  async delete(projectId: string, memoryIds: string[]): Promise<number> {
    if (memoryIds.length === 0) return 0;
    const { deleted, version } = await this.repository.transaction(async (manager) => {
      const rows = await manager.find(MemoryEntity, {
        where: memoryIds.map((id) => ({ projectId, id })),
        select: withoutEmbedding,
        // Concurrent deletes of one memory: only the first records its history and event.
        lock: { mode: 'pessimistic_write' },
      });
      if (rows.length === 0) return { deleted: 0, version: undefined };
      await manager.delete(
        MemoryEntity,
        rows.map((row) => ({ projectId, id: row.id })),
      );
      const now = new Date();
      await recordHistory(
        manager,
        rows.map((row) => ({
          projectId,
          memoryId: row.id,
          oldMemory: row.memory,
          newMemory: null,
          event: 'DELETE' as const,
          at: now,
        })),
      );
      await this.outbox.record(
        manager,
        rows.flatMap((row) => memoryDeletedEvents(toMemoryRecord(row), { at: now })),
      );
      return { deleted: rows.length, version: await this.freshness.stamp(manager, projectId) };
    });
    if (version === undefined) return 0;
    this.freshness.committed(projectId, version, { upserts: [], deletes: memoryIds });
    this.outbox.committed();
    return deleted;
  }

  /** Forgets a project's memories entirely, history included (Mem0's reset). */
  async reset(projectId: string): Promise<number> {
    const deleted = await this.deleteMatching(projectId, { sql: '1 = 1', params: [] });
    await this.repository.forgetHistory(projectId);
    return deleted;
  }

  /** Deletes everything a filter matches, in batches, each batch its own transaction. */
  async deleteMatching(
    projectId: string,
    where: { sql: string; params: unknown[] },
  ): Promise<number> {
    let total = 0;
    for (;;) {
      const ids = await this.repository.idsMatching(projectId, where, deleteBatch);
      if (ids.length === 0) return total;
      total += await this.delete(projectId, ids);
    }
  }
}
