import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { entityFields, type JsonObject, type MemoryRecord } from '@mnemo/contracts';
import { MemoryQueryService } from '../memories/memory-query.service';
import { PlatformAuthGuard } from '../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant } from '../tenancy/tenant';
import { ReadRoute } from '../tenancy/writer-role';
import { allFilters, flatFilters, rejectTopLevelIds, requireScoped } from './platform-filters';
import { toLegacyItem, toV3ListItem, withFields } from './platform-memory.mapper';
import { v1ListQuerySchema, v2ListSchema, v3ListSchema } from './platform-memories.schemas';
import {
  offsetOf,
  pageEnvelope,
  pageRequest,
  requestUrl,
  type PageOptions,
  type PageRequest,
} from '../http/pagination';
import { normaliseQuery, parsePlatform } from './platform-request';

const listPages: PageOptions = { defaultSize: 100, maxSize: 200 };
const legacyListPages: PageOptions = { defaultSize: 100, maxSize: 1000 };
export const legacyListMissingIds =
  'One of the filters: app_id, user_id, agent_id, run_id is required!';

/** Listing: `POST /v3/memories/` (paginated) and the legacy `GET /v1/memories/`, `POST /v2/memories/`. */
@Controller()
@UseGuards(PlatformAuthGuard)
export class PlatformListHttpController {
  constructor(private readonly queries: MemoryQueryService) {}

  @Post('v3/memories')
  @ReadRoute()
  @HttpCode(200)
  async list(
    @CurrentTenant() tenant: Tenant,
    @Req() request: FastifyRequest,
    @Query() query: Record<string, unknown>,
    @Body() raw: unknown,
  ) {
    const body = parsePlatform(v3ListSchema, raw);
    rejectTopLevelIds(body);
    const page = pageRequest([query, raw as Record<string, unknown>], listPages);
    const filters = requireScoped(allFilters(body.filters, flatFilters(body)));
    const found = await this.page(tenant, filters, body.show_expired, page);
    const items = found.results.map((memory) => withFields(toV3ListItem(memory), body.fields));
    return pageEnvelope(requestUrl(request), page, found.total, items);
  }

  /** Query ids; the envelope only when both page and page_size are given, else a bare list. */
  @Get('v1/memories')
  async listV1(
    @CurrentTenant() tenant: Tenant,
    @Req() request: FastifyRequest,
    @Query() rawQuery: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const query = parsePlatform(v1ListQuerySchema, normaliseQuery(rawQuery));
    if (!entityFields.some((field) => query[field])) {
      void reply.status(400);
      return [legacyListMissingIds];
    }
    const limit = Math.min(query.limit ?? legacyListPages.defaultSize, legacyListPages.maxSize);
    const options = { ...legacyListPages, defaultSize: limit };
    const page = pageRequest([rawQuery as Record<string, unknown>], options);
    const filters = requireScoped(flatFilters(query));
    const found = await this.page(tenant, filters, query.show_expired, page);
    const items = found.results.map((memory) => withFields(toLegacyItem(memory), query.fields));
    return page.explicit ? pageEnvelope(requestUrl(request), page, found.total, items) : items;
  }

  /** Body filters; like v1, a bare list unless both page and page_size are given. */
  @Post('v2/memories')
  @ReadRoute()
  @HttpCode(200)
  async listV2(
    @CurrentTenant() tenant: Tenant,
    @Req() request: FastifyRequest,
    @Query() query: Record<string, unknown>,
    @Body() raw: unknown,
  ) {
    const body = parsePlatform(v2ListSchema, raw);
    const page = pageRequest([query, raw as Record<string, unknown>], legacyListPages);
    const filters = requireScoped(allFilters(body.filters, flatFilters(body)));
    const found = await this.page(tenant, filters, body.show_expired, page);
    const items = found.results.map((memory) => withFields(toLegacyItem(memory), body.fields));
    return page.explicit ? pageEnvelope(requestUrl(request), page, found.total, items) : items;
  }

  private page(
    tenant: Tenant,
    filters: JsonObject,
    showExpired: boolean | null | undefined,
    page: PageRequest,
  ): Promise<{ results: MemoryRecord[]; total: number }> {
    return this.queries.list({
      projectId: tenant.projectId,
      filters,
      filterDialect: 'platform',
      showExpired: showExpired ?? false,
      limit: page.pageSize,
      offset: offsetOf(page),
    });
  }
}
