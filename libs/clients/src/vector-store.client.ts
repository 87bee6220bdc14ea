import { Injectable } from '@nestjs/common';
import {
  getMemoryContract,
  searchMemoriesContract,
  type MemoryRecord,
  type RequestOf,
  type ScoredMemory,
} from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';

@Injectable()
export class VectorStoreClient {
  constructor(private readonly bus: NatsBus) {}

  async search(request: RequestOf<typeof searchMemoriesContract>): Promise<ScoredMemory[]> {
    return (await this.bus.request(searchMemoriesContract, request)).results;
  }

  async get(projectId: string, memoryId: string): Promise<MemoryRecord | null> {
    return (await this.bus.request(getMemoryContract, { projectId, memoryId })).memory;
  }
}
