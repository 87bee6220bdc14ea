import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { DomainError, hasEntityScope, parseFilters } from '@mnemo/contracts';
import { AdminKeyGuard, TenantScoped } from '../http/admin-key.guard';
import { CurrentTenant, type Tenant } from '../tenancy/tenant';
import { ReadRoute } from '../tenancy/writer-role';
import { parseRequest } from '../http/request-validation';
import { MemoryAddService } from '../memories/memory-add.service';
import { MemoryEditService } from '../memories/memory-edit.service';
import { MemoryQueryService } from '../memories/memory-query.service';
import {
  toOssAddResult,
  toOssAdminItem,
  toOssHistoryEntry,
  toOssMemoryItem,
  toOssSearchItem,
} from './oss.mapper';
import {
  memoryIdParamSchema,
  ossDeleteAllQuerySchema,
  ossListQuerySchema,
  ossMemoryCreateSchema,
  ossMemoryUpdateSchema,
  ossSearchSchema,
} from './oss.schemas';

const missingId = 'At least one identifier (user_id, agent_id, run_id) is required.';

/** The open-source Mem0 server's routes: bare paths, `X-API-Key` auth, `{"detail"}` errors. */
@Controller()
@UseGuards(AdminKeyGuard)
@TenantScoped()
export class OssMemoriesHttpController {
  constructor(
    private readonly adds: MemoryAddService,
    private readonly queries: MemoryQueryService,
    private readonly edits: MemoryEditService,
  ) {}

  @Post('memories')
  @HttpCode(200)
  async add(@CurrentTenant() tenant: Tenant, @Body() raw: unknown) {
    const body = parseRequest(ossMemoryCreateSchema, raw, 'body');
    if (!body.user_id && !body.agent_id && !body.run_id)
      throw new DomainError('validation_failed', missingId);
    if (body.memory_type !== undefined && body.memory_type !== 'procedural_memory') {
      throw new DomainError(
        'validation_failed',
        `Invalid memory_type "${body.memory_type}"; only "procedural_memory" is supported.`,
      );
    }
    const procedural = body.memory_type === 'procedural_memory' && body.agent_id !== undefined;
    const completion = await this.adds.addAndWait({
      projectId: tenant.projectId,
      scope: { userId: body.user_id, agentId: body.agent_id, runId: body.run_id },
      messages: body.messages,
      metadata: body.metadata ?? {},
      expirationDate: body.expiration_date,
      infer: body.infer,
      memoryType: procedural ? 'procedural_memory' : undefined,
      prompt: body.prompt,
    });
    const verbatim = !body.infer && !procedural;
    return { results: completion.results.map((result) => toOssAddResult(result, verbatim)) };
  }

  @Post('search')
  @ReadRoute()
  @HttpCode(200)
  async search(@CurrentTenant() tenant: Tenant, @Body() raw: unknown) {
    const body = parseRequest(ossSearchSchema, raw, 'body');
    const filters = withDeprecatedIds(body.filters ?? {}, body);
    if (!hasEntityScope(parseFilters(filters, { dialect: 'oss' }), { dialect: 'oss' })) {
      throw new DomainError(
        'validation_failed',
        `filters must contain at least one of user_id, agent_id or run_id.`,
      );
    }
    const results = await this.queries.search({
      projectId: tenant.projectId,
      query: body.query,
      filters,
      filterDialect: 'oss',
      topK: body.top_k,
      threshold: body.threshold,
      explain: body.explain,
      showExpired: body.show_expired,
      rerank: body.rerank,
      keywordSearch: body.keyword_search,
    });
    return { results: results.map(toOssSearchItem) };
  }

  @Get('memories')
  async list(@CurrentTenant() tenant: Tenant, @Query() raw: unknown) {
    const query = parseRequest(ossListQuerySchema, raw, 'query');
    const filters = idFilters(query);
    const admin = Object.keys(filters).length === 0;
    const page = await this.queries.list({
      projectId: tenant.projectId,
      filters,
      filterDialect: 'oss',
      showExpired: query.show_expired,
      limit: query.top_k || (admin ? 1000 : 100),
      offset: 0,
    });
    return {
      results: page.results.map((memory) =>
        admin ? toOssAdminItem(memory) : toOssMemoryItem(memory),
      ),
    };
  }

  @Get('memories/:memoryId')
  async get(@CurrentTenant() tenant: Tenant, @Param('memoryId') rawId: string) {
    const memoryId = parseRequest(memoryIdParamSchema, rawId, 'path');
    return toOssMemoryItem(await this.queries.require(tenant.projectId, memoryId), null);
  }

  @Put('memories/:memoryId')
  async update(
    @CurrentTenant() tenant: Tenant,
    @Param('memoryId') rawId: string,
    @Body() raw: unknown,
  ) {
    const memoryId = parseRequest(memoryIdParamSchema, rawId, 'path');
    const body = parseRequest(ossMemoryUpdateSchema, raw, 'body');
    await this.edits.update(tenant.projectId, memoryId, {
      text: body.text,
      metadata: body.metadata,
      expirationDate: body.expiration_date,
    });
    return { message: 'Memory updated successfully!' };
  }

  @Get('memories/:memoryId/history')
  async history(@CurrentTenant() tenant: Tenant, @Param('memoryId') rawId: string) {
    const memoryId = parseRequest(memoryIdParamSchema, rawId, 'path');
    return (await this.queries.history(tenant.projectId, memoryId)).map(toOssHistoryEntry);
  }

  @Delete('memories/:memoryId')
  async delete(@CurrentTenant() tenant: Tenant, @Param('memoryId') rawId: string) {
    const memoryId = parseRequest(memoryIdParamSchema, rawId, 'path');
    await this.edits.delete(tenant.projectId, memoryId);
    return { message: 'Memory deleted successfully' };
  }

  @Delete('memories')
  async deleteAll(@CurrentTenant() tenant: Tenant, @Query() raw: unknown) {
    const filters = idFilters(parseRequest(ossDeleteAllQuerySchema, raw, 'query'));
    if (Object.keys(filters).length === 0) throw new DomainError('validation_failed', missingId);
    await this.edits.deleteMatching(tenant.projectId, filters, 'oss');
    return { message: 'All relevant memories deleted' };
  }
}

function idFilters(ids: {
  user_id?: string;
  agent_id?: string;
  run_id?: string;
}): Record<string, string> {
  const entries = [
    ids.user_id && ['user_id', ids.user_id],
    ids.agent_id && ['agent_id', ids.agent_id],
    ids.run_id && ['run_id', ids.run_id],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => Boolean(entry)));
}

// The deprecated top-level ids join the filters as ANDed siblings.
function withDeprecatedIds(
  filters: Record<string, unknown>,
  ids: { user_id?: string; agent_id?: string; run_id?: string },
): Record<string, unknown> {
  const extra = Object.entries(ids).filter(
    ([key, value]) => key.endsWith('_id') && value !== undefined,
  );
  if (extra.length === 0) return filters;
  return { AND: [filters, Object.fromEntries(extra)] };
}
