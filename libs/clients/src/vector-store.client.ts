import { Injectable } from '@nestjs/common';
import {
  addCompleted,
  applyWriteContract,
  collectChunks,
  deleteEntityContract,
  deleteMemoriesContract,
  deleteMemoryContract,
  getMemoryContract,
  listEntitiesContract,
  listMemoriesContract,
  memoryHistoryContract,
  resetMemoriesContract,
  searchMemoriesContract,
  updateMemoryContract,
  writeOutcomeContract,
  type AddCompleted,
  type AddResult,
  type EntitySummary,
  type EntityType,
  type HistoryEntry,
  type MemoryRecord,
  type RequestOf,
  type ResponseOf,
  type ScoredMemory,
} from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';

/** The vector-store service over NATS: every call is scoped by project. */
@Injectable()
export class VectorStoreClient {
  constructor(private readonly bus: NatsBus) {}

  /** A search this project's open circuit would refuse fails before the query is embedded. */
  assertSearchAccepted(projectId: string): void {
    this.bus.breakers.assertClosed(searchMemoriesContract.subject, projectId);
  }

  async search(request: RequestOf<typeof searchMemoriesContract>): Promise<ScoredMemory[]> {
    return (await this.bus.request(searchMemoriesContract, request)).results;
  }

  apply(command: RequestOf<typeof applyWriteContract>): Promise<{ results: AddResult[] }> {
    return this.bus.request(applyWriteContract, command, { timeoutMs: 30000 });
  }

  /** The completion of the write command `eventId` once applied (as recorded); null before. */
  async writeCompletion(projectId: string, eventId: string): Promise<AddCompleted | null> {
    const { results } = await this.bus.request(writeOutcomeContract, { projectId, eventId });
    return results && addCompleted({ eventId, projectId }, results);
  }

  async get(projectId: string, memoryId: string): Promise<MemoryRecord | null> {
    return (await this.bus.request(getMemoryContract, { projectId, memoryId })).memory;
  }

  /** Replies are cut to the bus budget, so a page is gathered over as many requests as it needs. */
  list(
    request: RequestOf<typeof listMemoriesContract>,
  ): Promise<ResponseOf<typeof listMemoriesContract>> {
    return collectChunks(request.limit, request.offset ?? 0, (limit, offset) =>
      this.bus.request(listMemoriesContract, { ...request, limit, offset }),
    );
  }

  async update(patch: RequestOf<typeof updateMemoryContract>): Promise<MemoryRecord | null> {
    return (await this.bus.request(updateMemoryContract, patch, { timeoutMs: 15000 })).memory;
  }

  async delete(projectId: string, memoryId: string): Promise<boolean> {
    return (await this.bus.request(deleteMemoryContract, { projectId, memoryId })).deleted;
  }

  async deleteMatching(request: RequestOf<typeof deleteMemoriesContract>): Promise<number> {
    return (await this.bus.request(deleteMemoriesContract, request, { timeoutMs: 120000 })).deleted;
  }

  async history(projectId: string, memoryId: string): Promise<HistoryEntry[]> {
    return (await this.bus.request(memoryHistoryContract, { projectId, memoryId })).history;
  }

  async reset(projectId: string): Promise<number> {
    return (await this.bus.request(resetMemoriesContract, { projectId }, { timeoutMs: 120000 }))
      .deleted;
  }

  async entities(projectId: string): Promise<EntitySummary[]> {
    return (await this.bus.request(listEntitiesContract, { projectId })).entities;
  }

  async deleteEntity(projectId: string, type: EntityType, id: string): Promise<number> {
    return (
      await this.bus.request(deleteEntityContract, { projectId, type, id }, { timeoutMs: 120000 })
    ).deleted;
  }
}
