import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  applyWriteContract,
  deleteEntityContract,
  deleteMemoriesContract,
  deleteMemoryContract,
  parseFilters,
  resetMemoriesContract,
  updateMemoryContract,
  writeOutcomeContract,
} from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { ServiceIdentity } from '@mnemo/service-kit';
import { compileFilter } from '../filters';
import { MemoryEditsService } from './memory-edits.service';
import { MemoryWritesService } from './memory-writes.service';

/** Write side over request-reply: applied now, answered with the outcome. */
@Injectable()
export class MemoryWritesNatsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: NatsBus,
    private readonly identity: ServiceIdentity,
    private readonly writes: MemoryWritesService,
    private readonly edits: MemoryEditsService,
  ) {}

  onApplicationBootstrap(): void {
    const queue = this.identity.service;
    this.bus.respond(
      applyWriteContract,
      async (command) => ({ results: await this.writes.apply(command) }),
      queue,
    );
    this.bus.respond(
      writeOutcomeContract,
      async ({ projectId, eventId }) => ({
        results: await this.writes.outcome(projectId, eventId),
      }),
      queue,
    );
    this.bus.respond(
      updateMemoryContract,
      async (patch) => ({ memory: await this.edits.update(patch) }),
      queue,
    );
    this.bus.respond(
      deleteMemoryContract,
      async ({ projectId, memoryId }) => ({
        deleted: (await this.edits.delete(projectId, [memoryId])) > 0,
      }),
      queue,
    );
    this.bus.respond(
      deleteMemoriesContract,
      async ({ projectId, filters, filterDialect }) => {
        const where = compileFilter(parseFilters(filters, { dialect: filterDialect }), {
          tableAlias: 'm',
        });
        return { deleted: await this.edits.deleteMatching(projectId, where) };
      },
      queue,
    );
    this.bus.respond(
      deleteEntityContract,
      async ({ projectId, type, id }) => ({
        deleted: await this.edits.deleteMatching(projectId, {
          sql: `m.${type}_id = ?`,
          params: [id],
        }),
      }),
      queue,
    );
    this.bus.respond(
      resetMemoriesContract,
      async ({ projectId }) => ({
        deleted: await this.edits.reset(projectId),
      }),
      queue,
    );
  }
}
