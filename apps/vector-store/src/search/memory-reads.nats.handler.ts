import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  getMemoryContract,
  listEntitiesContract,
  listMemoriesContract,
  memoryHistoryContract,
  parseFilters,
  searchMemoriesContract,
  type ParsedRequestOf,
} from '@mnemo/contracts';
import { FairLimiter, NatsBus, type BusContext } from '@mnemo/messaging';
import { APP_CONFIG, ServiceIdentity } from '@mnemo/service-kit';
import type { VectorStoreConfig } from '../config/vector-store.config';
import { compileFilter } from '../filters';
import { MemoriesRepository } from '../memories/memories.repository';
import { toHistoryEntry, toMemoryRecord } from '../memories/memory.mapper';
import { MemorySearchService } from './memory-search.service';

type ListRequest = ParsedRequestOf<typeof listMemoriesContract>;

/** Read side over NATS: search, get, list, history, entities. */
@Injectable()
export class MemoryReadsNatsHandler implements OnApplicationBootstrap {
  // Every read shares per-project slots, so one tenant's heavy reads queue behind its own.
  private readonly reads: FairLimiter;

  constructor(
    private readonly bus: NatsBus,
    private readonly identity: ServiceIdentity,
    private readonly search: MemorySearchService,
    private readonly repository: MemoriesRepository,
    @Inject(APP_CONFIG) config: VectorStoreConfig,
  ) {
    this.reads = new FairLimiter({
      concurrency: config.MNEMO_READ_CONCURRENCY,
      perKey: config.MNEMO_READ_CONCURRENCY_PER_PROJECT,
      maxQueuedPerKey: config.MNEMO_READ_QUEUE_PER_PROJECT,
    });
  }

  onApplicationBootstrap(): void {
    const queue = this.identity.service;
    this.bus.respond(
      searchMemoriesContract,
      (request, context) =>
        this.fair(request.projectId, context, async () => ({
          results: await this.search.search(request, context.deadline),
        })),
      queue,
    );
    this.bus.respond(
      getMemoryContract,
      ({ projectId, memoryId }, context) =>
        this.fair(projectId, context, async () => {
          const entity = await this.repository.findById(projectId, memoryId);
          return { memory: entity ? toMemoryRecord(entity) : null };
        }),
      queue,
    );
    this.bus.respond(
      listMemoriesContract,
      (request, context) => this.fair(request.projectId, context, () => this.list(request)),
      queue,
    );
    this.bus.respond(
      memoryHistoryContract,
      ({ projectId, memoryId }, context) =>
        this.fair(projectId, context, async () => ({
          history: (await this.repository.history(projectId, memoryId)).map(toHistoryEntry),
        })),
      queue,
    );
    this.bus.respond(
      listEntitiesContract,
      ({ projectId }, context) => this.fair(projectId, context, () => this.entities(projectId)),
      queue,
    );
  }

  private fair<T>(projectId: string, context: BusContext, read: () => Promise<T>): Promise<T> {
    return this.reads.run(projectId, read, context.deadline);
  }

  private async list(request: ListRequest) {
    const filter = parseFilters(request.filters, { dialect: request.filterDialect });
    const page = await this.repository.list({
      projectId: request.projectId,
      where: compileFilter(filter, { tableAlias: 'm' }),
      showExpired: request.showExpired,
      limit: request.limit,
      offset: request.offset,
    });
    return { results: page.rows.map((row) => row.record), total: page.total };
  }

  private async entities(projectId: string) {
    return {
      entities: (await this.repository.entities(projectId)).map((row) => ({
        type: row.type,
        id: row.id,
        totalMemories: Number(row.total),
        createdAt: new Date(row.created_at).toISOString(),
        updatedAt: new Date(row.updated_at).toISOString(),
      })),
    };
  }
}
