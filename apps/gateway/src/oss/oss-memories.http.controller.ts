import { Body, Controller, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { DomainError, hasEntityScope, parseFilters } from '@mnemo/contracts';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { GatewayConfig } from '../config/gateway.config';
import { AdminKeyGuard } from '../http/admin-key.guard';
import { parseRequest } from '../http/request-validation';
import { MemoryAddService } from '../memories/memory-add.service';
import { MemoryQueryService } from '../memories/memory-query.service';
import { toOssAddResult, toOssMemoryItem, toOssSearchItem } from './oss.mapper';
import { memoryIdParamSchema, ossMemoryCreateSchema, ossSearchSchema } from './oss.schemas';

const missingId = 'At least one identifier (user_id, agent_id, run_id) is required.';

/** The open-source Mem0 server's routes: bare paths, `X-API-Key` auth, `{"detail"}` errors. */
@Controller()
@UseGuards(AdminKeyGuard)
export class OssMemoriesHttpController {
  private readonly projectId: string;

  constructor(
    private readonly adds: MemoryAddService,
    private readonly queries: MemoryQueryService,
    @Inject(APP_CONFIG) config: GatewayConfig,
  ) {
    this.projectId = config.MNEMO_DEFAULT_PROJECT_ID;
  }

  @Post('memories')
  @HttpCode(200)
  async add(@Body() raw: unknown) {
    const body = parseRequest(ossMemoryCreateSchema, raw, 'body');
    if (!body.user_id && !body.agent_id && !body.run_id)
      throw new DomainError('validation_failed', missingId);
    if (body.memory_type !== undefined && body.memory_type !== 'procedural_memory') {
      throw new DomainError(
        'validation_failed',
        `Invalid memory_type "${body.memory_type}"; only "procedural_memory" is supported.`,
      );
    }
    if (body.infer) {
      throw new DomainError('unavailable', 'inferred adds need the extractor service', true);
    }
    const completion = await this.adds.addVerbatim({
      projectId: this.projectId,
      scope: { userId: body.user_id, agentId: body.agent_id, runId: body.run_id },
      messages: body.messages,
      metadata: body.metadata ?? {},
      expirationDate: body.expiration_date,
    });
    return { results: completion.results.map((result) => toOssAddResult(result, true)) };
  }

  @Post('search')
  @HttpCode(200)
  async search(@Body() raw: unknown) {
    const body = parseRequest(ossSearchSchema, raw, 'body');
    const filters = withDeprecatedIds(body.filters ?? {}, body);
    if (!hasEntityScope(parseFilters(filters, { dialect: 'oss' }))) {
      throw new DomainError(
        'validation_failed',
        `filters must contain at least one of user_id, agent_id or run_id.`,
      );
    }
    const results = await this.queries.search({
      projectId: this.projectId,
      query: body.query,
      filters,
      filterDialect: 'oss',
      topK: body.top_k,
      threshold: body.threshold,
      explain: body.explain,
      showExpired: body.show_expired,
    });
    return { results: results.map(toOssSearchItem) };
  }

  @Get('memories/:memoryId')
  async get(@Param('memoryId') rawId: string) {
    const memoryId = parseRequest(memoryIdParamSchema, rawId, 'path');
    const memory = await this.queries.get(this.projectId, memoryId);
    if (!memory) throw new DomainError('not_found', 'Memory not found');
    return toOssMemoryItem(memory, null);
  }
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
