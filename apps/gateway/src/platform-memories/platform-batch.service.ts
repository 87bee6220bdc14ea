import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError, type JsonObject } from '@mnemo/contracts';
import { MemoryEditService } from '../memories/memory-edit.service';
import { batchLimit } from './platform-memories.schemas';
import { isUuid } from './platform-request';

export interface BatchUpdate {
  memory_id: string;
  text?: string | null;
  metadata?: JsonObject | null;
}

// A few edits at a time: each is one vector-store request, and a batch may hold a thousand.
const concurrency = 8;

/** Batch update and delete: ids are checked first, then each memory is edited on its own. */
@Injectable()
export class PlatformBatchService {
  constructor(private readonly edits: MemoryEditService) {}

  /** Memories that do not exist (or belong to another project) are skipped, not counted. */
  async update(projectId: string, items: BatchUpdate[]): Promise<number> {
    items.forEach((item, index) => {
      checkId(item.memory_id, index);
      if (!item.text && !item.metadata) {
        throw new DomainError('validation_failed', `memories.${index}: give text or metadata`);
      }
    });
    const done = await eachLimited(items, (item) =>
      this.edits.update(projectId, item.memory_id, {
        text: item.text ?? undefined,
        metadata: item.metadata ?? undefined,
      }),
    );
    return done;
  }

  async delete(projectId: string, memoryIds: string[]): Promise<number> {
    memoryIds.forEach(checkId);
    return eachLimited(memoryIds, (memoryId) => this.edits.delete(projectId, memoryId));
  }
}

/** Rejects an oversized batch before parsing it, with the Platform's wording. */
export function checkBatchSize(raw: unknown, verb: 'updated' | 'deleted'): void {
  const memories = (raw as { memories?: unknown } | null | undefined)?.memories;
  if (Array.isArray(memories) && memories.length > batchLimit) {
    throw new DomainError(
      'validation_failed',
      `Maximum of ${batchLimit} memories can be ${verb} in a single request`,
    );
  }
}

function checkId(memoryId: string, index: number): void {
  if (!isUuid(memoryId)) {
    throw new DomainError(
      'validation_failed',
      `memories.${index}.memory_id should be a valid UUID`,
    );
  }
}

/** Runs `work` over the items a few at a time; counts the ones that were found. */
async function eachLimited<T>(items: T[], work: (item: T) => Promise<unknown>): Promise<number> {
  let next = 0;
  let found = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      try {
        await work(item);
        found += 1;
      } catch (error) {
        if (!(isDomainError(error) && error.code === 'not_found')) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return found;
}
