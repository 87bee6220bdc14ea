import { Injectable } from '@nestjs/common';
import { VectorStoreClient } from '@mnemo/clients';
import { DomainError, type EntityType, type JsonObject, type MemoryRecord } from '@mnemo/contracts';

export interface MemoryChanges {
  text?: string;
  metadata?: JsonObject;
  expirationDate?: string | null;
  categories?: string[];
}

/** Edits and deletes; each is applied by the vector-store with its history rows. */
@Injectable()
export class MemoryEditService {
  constructor(private readonly vectorStore: VectorStoreClient) {}

  async update(projectId: string, memoryId: string, changes: MemoryChanges): Promise<MemoryRecord> {
    if (Object.values(changes).every((value) => value === undefined)) {
      throw new DomainError(
        'validation_failed',
        'Nothing to update: give text, metadata or expiration_date.',
      );
    }
    const memory = await this.vectorStore.update({ projectId, memoryId, ...changes });
    if (!memory) throw new DomainError('not_found', 'Memory not found');
    return memory;
  }

  async delete(projectId: string, memoryId: string): Promise<void> {
    if (!(await this.vectorStore.delete(projectId, memoryId))) {
      throw new DomainError('not_found', 'Memory not found');
    }
  }

  deleteMatching(
    projectId: string,
    filters: JsonObject,
    filterDialect: 'oss' | 'platform',
  ): Promise<number> {
    return this.vectorStore.deleteMatching({ projectId, filters, filterDialect });
  }

  deleteEntity(projectId: string, type: EntityType, id: string): Promise<number> {
    return this.vectorStore.deleteEntity(projectId, type, id);
  }

  reset(projectId: string): Promise<number> {
    return this.vectorStore.reset(projectId);
  }
}
