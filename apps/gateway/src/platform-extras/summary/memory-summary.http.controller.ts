import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { StructuredDataClient } from '@mnemo/clients';
import { boundedFiltersObject } from '@mnemo/contracts';
import { parsePlatform } from '../../platform-memories/platform-request';
import { PlatformAuthGuard } from '../../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant } from '../../tenancy/tenant';
import { ReadRoute } from '../../tenancy/writer-role';

export const summaryRequestSchema = z.object({ filters: boundedFiltersObject().nullish() });

/**
 * `POST /v1/summary/`: the scoped memories summarised per category (or keyword topic), largest
 * group first, as `[{"category", "summary", "memory_count"}]`.
 */
@Controller('v1/summary')
@UseGuards(PlatformAuthGuard)
export class MemorySummaryHttpController {
  constructor(private readonly structured: StructuredDataClient) {}

  @Post()
  @ReadRoute()
  @HttpCode(200)
  async summarize(@CurrentTenant() tenant: Tenant, @Body() raw: unknown) {
    const body = parsePlatform(summaryRequestSchema, raw);
    const summaries = await this.structured.summarize({
      projectId: tenant.projectId,
      filters: body.filters ?? {},
    });
    return summaries.map((item) => ({
      category: item.category,
      summary: item.summary,
      memory_count: item.memoryCount,
    }));
  }
}
