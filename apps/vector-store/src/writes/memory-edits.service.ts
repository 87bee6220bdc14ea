import { Injectable } from '@nestjs/common';
import type { MemoryRecord, RequestOf, updateMemoryContract } from '@mnemo/contracts';
import { MemoriesRepository } from '../memories/memories.repository';
import { MemoryWritesRepository } from '../memories/memory-writes.repository';
import { WriteGroupCommitter } from './write-group.committer';

export type MemoryPatch = RequestOf<typeof updateMemoryContract>;

const deleteBatch = 1000;

/**
 * Direct edits: update one, delete one, delete many. They take the same write path as an add's
 * ops (group commit, history row and event per change), and the same duplicate rule: a text
 * another memory of the scope holds is not written again, the rest of the edit is.
 */
@Injectable()
export class MemoryEditsService {
  constructor(
    private readonly reads: MemoriesRepository,
    private readonly writes: MemoryWritesRepository,
    private readonly committer: WriteGroupCommitter,
  ) {}

  async update(patch: MemoryPatch): Promise<MemoryRecord | null> {
    const outcome = await this.committer.submit({
      projectId: patch.projectId,
      changes: [
        {
          kind: 'update',
          memoryId: patch.memoryId,
          text: patch.text,
          metadata: patch.metadata,
          expirationDate: patch.expirationDate,
          categories: patch.categories,
          edit: true,
        },
      ],
    });
    return outcome.changes[0]?.record ?? null;
  }

  async delete(projectId: string, memoryIds: string[]): Promise<number> {
    if (memoryIds.length === 0) return 0;
    const outcome = await this.committer.submit({
      projectId,
      changes: memoryIds.map((memoryId) => ({ kind: 'delete' as const, memoryId })),
    });
    return outcome.results.length;
  }

  /** Forgets a project's memories entirely, history included (Mem0's reset). */
  async reset(projectId: string): Promise<number> {
    const deleted = await this.deleteMatching(projectId, { sql: '1 = 1', params: [] });
    await this.writes.forgetHistory(projectId);
    return deleted;
  }

  /** Deletes everything a filter matches, in batches, each batch its own write. */
  async deleteMatching(
    projectId: string,
    where: { sql: string; params: unknown[] },
  ): Promise<number> {
    let total = 0;
    for (;;) {
      const ids = await this.reads.idsMatching(projectId, where, deleteBatch);
      if (ids.length === 0) return total;
      total += await this.delete(projectId, ids);
    }
  }
}
