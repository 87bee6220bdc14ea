import { Controller, Delete, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainError, entityTypes, type EntitySummary, type EntityType } from '@mnemo/contracts';
import { MemoryEditService } from '../memories/memory-edit.service';
import { MemoryQueryService } from '../memories/memory-query.service';
import { PlatformAuthGuard } from '../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant } from '../tenancy/tenant';
import { toPlatformEntity } from './platform-memory.mapper';
import { pageEnvelope, pageRequest, requestUrl, slicePage } from '../http/pagination';

const entityDeleted = { message: 'Entity deleted successfully.' };

/** Users, agents, apps and runs: the entities memories are scoped by. */
@Controller()
@UseGuards(PlatformAuthGuard)
export class PlatformEntitiesHttpController {
  constructor(
    private readonly queries: MemoryQueryService,
    private readonly edits: MemoryEditService,
  ) {}

  /**
   * Without page parameters every entity comes in one page, so the clients' `reset()` and
   * `deleteUsers()` (list, then delete each) remove them all.
   */
  @Get('v1/entities')
  async list(
    @CurrentTenant() tenant: Tenant,
    @Req() request: FastifyRequest,
    @Query() query: Record<string, unknown>,
  ) {
    const entities = sortEntities(await this.queries.entities(tenant.projectId));
    const paged = query['page'] !== undefined || query['page_size'] !== undefined;
    const defaultSize = paged ? 100 : Math.max(1, entities.length);
    const page = pageRequest([query], { defaultSize, maxSize: Math.max(1000, defaultSize) });
    const results = slicePage(entities, page).map((entity) =>
      toPlatformEntity(entity, tenant.userEmail),
    );
    return {
      ...pageEnvelope(requestUrl(request), page, entities.length, results),
      total_users: countOf(entities, 'user'),
      total_agents: countOf(entities, 'agent'),
      total_apps: countOf(entities, 'app'),
      total_runs: countOf(entities, 'run'),
    };
  }

  @Delete('v2/entities/:entityType/:entityName')
  async delete(
    @CurrentTenant() tenant: Tenant,
    @Param('entityType') rawType: string,
    @Param('entityName') name: string,
  ) {
    await this.edits.deleteEntity(tenant.projectId, entityTypeFrom(rawType), name);
    return entityDeleted;
  }

  /** The deprecated v1 path took a numeric id; entities are known by name here, so it takes that. */
  @Delete('v1/entities/:entityType/:entityId')
  async deleteV1(
    @CurrentTenant() tenant: Tenant,
    @Param('entityType') rawType: string,
    @Param('entityId') id: string,
  ) {
    await this.edits.deleteEntity(tenant.projectId, entityTypeFrom(rawType), id);
    return entityDeleted;
  }
}

function entityTypeFrom(raw: string): EntityType {
  if (!(entityTypes as readonly string[]).includes(raw)) {
    throw new DomainError('validation_failed', 'Invalid entity type');
  }
  return raw as EntityType;
}

/** Most recently active first; type and name break ties so pages are stable. */
function sortEntities(entities: EntitySummary[]): EntitySummary[] {
  return [...entities].sort(
    (a, b) =>
      b.updatedAt.localeCompare(a.updatedAt) ||
      entityTypes.indexOf(a.type) - entityTypes.indexOf(b.type) ||
      a.id.localeCompare(b.id),
  );
}

function countOf(entities: EntitySummary[], type: EntityType): number {
  return entities.filter((entity) => entity.type === type).length;
}
