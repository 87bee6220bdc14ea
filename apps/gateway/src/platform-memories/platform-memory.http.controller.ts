import { Body, Controller, Delete, Get, Param, Put, Query, UseGuards } from '@nestjs/common';
import { DomainError } from '@mnemo/contracts';
import { MemoryEditService } from '../memories/memory-edit.service';
import { MemoryQueryService } from '../memories/memory-query.service';
import { PlatformAuthGuard } from '../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant } from '../tenancy/tenant';
import { flatFilters, requireScoped } from './platform-filters';
import { toPlatformHistory, toPlatformMemory } from './platform-memory.mapper';
import {
  deleteAllQuerySchema,
  deleteQuerySchema,
  memoryUpdateSchema,
} from './platform-memories.schemas';
import {
  memoryIdFrom,
  memoryNotFound,
  normaliseQuery,
  parsePlatform,
  platformNotFound,
} from './platform-request';

export const deleteAllMissingIds =
  'At least one of user_id, agent_id, app_id or run_id is required ("*" means all of that type).';

/** One memory by id (get, update, delete, history) and delete-all by entity. */
@Controller('v1/memories')
@UseGuards(PlatformAuthGuard)
export class PlatformMemoryHttpController {
  constructor(
    private readonly queries: MemoryQueryService,
    private readonly edits: MemoryEditService,
  ) {}

  @Get(':memoryId')
  async get(@CurrentTenant() tenant: Tenant, @Param('memoryId') rawId: string) {
    const memory = await this.queries.get(tenant.projectId, memoryIdFrom(rawId));
    if (!memory) throw new DomainError('not_found', memoryNotFound);
    return toPlatformMemory(memory);
  }

  /** `timestamp` is accepted but not stored: creation times are not rewritten. */
  @Put(':memoryId')
  async update(
    @CurrentTenant() tenant: Tenant,
    @Param('memoryId') rawId: string,
    @Body() raw: unknown,
  ) {
    const memoryId = memoryIdFrom(rawId);
    const body = parsePlatform(memoryUpdateSchema, raw);
    const updated = await platformNotFound(
      this.edits.update(tenant.projectId, memoryId, {
        text: body.text ?? undefined,
        metadata: body.metadata ?? undefined,
        expirationDate: body.expiration_date,
      }),
    );
    return toPlatformMemory(updated);
  }

  /** `delete_linked` cascades through linked memories; none are linked here, so it counts 0. */
  @Delete(':memoryId')
  async delete(
    @CurrentTenant() tenant: Tenant,
    @Param('memoryId') rawId: string,
    @Query() rawQuery: unknown,
  ) {
    const memoryId = memoryIdFrom(rawId);
    const query = parsePlatform(deleteQuerySchema, normaliseQuery(rawQuery));
    await platformNotFound(this.edits.delete(tenant.projectId, memoryId));
    const message = 'Memory deleted successfully!';
    return query.delete_linked ? { message, cascade_count: 0 } : { message };
  }

  @Get(':memoryId/history')
  async history(@CurrentTenant() tenant: Tenant, @Param('memoryId') rawId: string) {
    const memoryId = memoryIdFrom(rawId);
    const [history, memory] = await Promise.all([
      platformNotFound(this.queries.history(tenant.projectId, memoryId)),
      this.queries.get(tenant.projectId, memoryId),
    ]);
    return history.map((entry) => toPlatformHistory(entry, memory));
  }

  /** Synchronous: the answer comes once the rows (and their history) are gone. */
  @Delete()
  async deleteAll(@CurrentTenant() tenant: Tenant, @Query() rawQuery: unknown) {
    const query = parsePlatform(deleteAllQuerySchema, normaliseQuery(rawQuery));
    const filters = requireScoped(flatFilters(query), deleteAllMissingIds);
    await this.edits.deleteMatching(tenant.projectId, filters, 'platform');
    return { message: 'Memories deleted successfully!' };
  }
}
