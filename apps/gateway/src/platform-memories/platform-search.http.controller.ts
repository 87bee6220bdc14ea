import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import type { JsonObject, ScoredMemory } from '@mnemo/contracts';
import { MemoryQueryService } from '../memories/memory-query.service';
import { PlatformAuthGuard } from '../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant } from '../tenancy/tenant';
import { ReadRoute } from '../tenancy/writer-role';
import { allFilters, flatFilters, rejectTopLevelIds, requireScoped } from './platform-filters';
import {
  toV1SearchItem,
  toV2SearchItem,
  toV3SearchItem,
  withFields,
} from './platform-memory.mapper';
import {
  v1SearchSchema,
  v2SearchSchema,
  v3SearchSchema,
  type PlatformSearch,
} from './platform-memories.schemas';
import { parsePlatform } from './platform-request';

export const v1SearchMissingIds =
  'At least one of the filters: agent_id, user_id, app_id, run_id is required!';

/** `POST /v3/memories/search/` and the legacy v1 and v2 searches. */
@Controller()
@UseGuards(PlatformAuthGuard)
export class PlatformSearchHttpController {
  constructor(private readonly queries: MemoryQueryService) {}

  @Post('v3/memories/search')
  @ReadRoute()
  @HttpCode(200)
  async search(@CurrentTenant() tenant: Tenant, @Body() raw: unknown) {
    const body = parsePlatform(v3SearchSchema, raw);
    rejectTopLevelIds(body);
    const filters = requireScoped(allFilters(body.filters, flatFilters(narrowing(body))));
    const found = await this.run(tenant, body, filters);
    return { results: found.map((memory) => withFields(toV3SearchItem(memory), body.fields)) };
  }

  /** A bare list, or `{results}` when `output_format: "v1.1"` was sent. */
  @Post('v2/memories/search')
  @ReadRoute()
  @HttpCode(200)
  async searchV2(@CurrentTenant() tenant: Tenant, @Body() raw: unknown) {
    const body = parsePlatform(v2SearchSchema, raw);
    const filters = requireScoped(allFilters(body.filters, flatFilters(body)));
    const found = await this.run(tenant, body, filters);
    const results = found.map((memory) => withFields(toV2SearchItem(memory), body.fields));
    return body.output_format === 'v1.1' ? { results } : results;
  }

  /** Ids at the top level; a bare list for v1.0, `{results, relations}` for v1.1. */
  @Post('v1/memories/search')
  @ReadRoute()
  @HttpCode(200)
  async searchV1(@CurrentTenant() tenant: Tenant, @Body() raw: unknown) {
    const body = parsePlatform(v1SearchSchema, raw);
    const filters = allFilters(body.filters ?? {}, flatFilters(body));
    const found = await this.run(tenant, body, requireScoped(filters, v1SearchMissingIds));
    const results = found.map((memory) => withFields(toV1SearchItem(memory), body.fields));
    return body.output_format === 'v1.1' ? { results, relations: [] } : results;
  }

  private run(tenant: Tenant, body: PlatformSearch, filters: JsonObject): Promise<ScoredMemory[]> {
    return this.queries.search({
      projectId: tenant.projectId,
      query: body.query,
      filters,
      filterDialect: 'platform',
      topK: body.top_k ?? 10,
      threshold: body.threshold ?? 0.1,
      explain: true,
      showExpired: body.show_expired ?? false,
      rerank: body.rerank ?? false,
      keywordSearch: body.keyword_search ?? false,
    });
  }
}

/** v3 narrows `filters` with `categories` and `metadata` only (ids were rejected). */
function narrowing(body: PlatformSearch) {
  return { categories: body.categories, metadata: body.metadata };
}
