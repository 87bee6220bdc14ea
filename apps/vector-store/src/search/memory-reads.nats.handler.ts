import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  getMemoryContract,
  listEntitiesContract,
  listMemoriesContract,
  memoryHistoryContract,
  parseFilters,
  searchMemoriesContract,
} from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { ServiceRuntime } from '@mnemo/service-kit';
import { compileFilter } from '../filters';
import { MemoriesRepository } from '../memories/memories.repository';
import { toHistoryEntry, toMemoryRecord } from '../memories/memory.mapper';
import { MemorySearchService } from './memory-search.service';

/** Read side over NATS: search, get, list, history, entities. */
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
      async (request) => ({ results: await this.search.search(request) }),
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
    this.bus.respond(
      listMemoriesContract,
      async (request) => {
        const filter = parseFilters(request.filters, { dialect: request.filterDialect });
        const page = await this.repository.list({
          projectId: request.projectId,
          where: compileFilter(filter, { tableAlias: 'm' }),
          showExpired: request.showExpired,
          limit: request.limit,
          offset: request.offset,
        });
        return { results: page.rows.map((row) => row.record), total: page.total };
      },
      queue,
    );
    this.bus.respond(
      memoryHistoryContract,
      async ({ projectId, memoryId }) => ({
        history: (await this.repository.history(projectId, memoryId)).map(toHistoryEntry),
      }),
      queue,
    );
    this.bus.respond(
      listEntitiesContract,
      async ({ projectId }) => ({
        entities: (await this.repository.entities(projectId)).map((row) => ({
          type: row.type,
          id: row.id,
          totalMemories: Number(row.total),
          createdAt: new Date(row.created_at).toISOString(),
          updatedAt: new Date(row.updated_at).toISOString(),
        })),
      }),
      queue,
    );
  }
}
