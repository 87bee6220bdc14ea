import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { getMemoryContract, searchMemoriesContract } from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { ServiceRuntime } from '@mnemo/service-kit';
import { MemoriesRepository } from '../memories/memories.repository';
import { toMemoryRecord } from '../memories/memory.mapper';
import { MemorySearchService } from './memory-search.service';

@Injectable()
export class MemoryReadsNatsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: NatsBus,
    private readonly runtime: ServiceRuntime,
    private readonly search: MemorySearchService,
    private readonly repository: MemoriesRepository,
  ) {}

  onApplicationBootstrap(): void {
    const queue = this.runtime.service;
    this.bus.respond(
      searchMemoriesContract,
      async (request) => ({
        results: await this.search.search(request),
      }),
      queue,
    );
    this.bus.respond(
      getMemoryContract,
      async ({ projectId, memoryId }) => {
        const entity = await this.repository.findById(projectId, memoryId);
        return { memory: entity ? toMemoryRecord(entity) : null };
      },
      queue,
    );
  }
}
