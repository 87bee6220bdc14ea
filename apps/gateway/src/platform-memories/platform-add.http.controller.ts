import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { PlatformAuthGuard } from '../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant } from '../tenancy/tenant';
import { completedMessage, PlatformAddService, queuedMessage } from './platform-add.service';
import { toAddItem, toAddItemV11 } from './platform-memory.mapper';
import { platformAddSchema } from './platform-memories.schemas';
import { parsePlatform } from './platform-request';

/** `POST /v3/memories/add/` and the legacy `POST /v1/memories/`. */
@Controller()
@UseGuards(PlatformAuthGuard)
export class PlatformAddHttpController {
  constructor(private readonly adds: PlatformAddService) {}

  @Post('v3/memories/add')
  @HttpCode(200)
  async add(@CurrentTenant() tenant: Tenant, @Body() raw: unknown) {
    const outcome = await this.adds.add(tenant.projectId, parsePlatform(platformAddSchema, raw));
    if (outcome.status === 'PENDING') {
      return { event_id: outcome.eventId, status: 'PENDING', message: queuedMessage };
    }
    return {
      status: 'SUCCEEDED',
      event_id: outcome.eventId,
      message: completedMessage,
      results: outcome.results.map(toAddItem),
    };
  }

  /** `output_format` v1.0 (default) answers a bare list, v1.1 `{results, relations}`. */
  @Post('v1/memories')
  @HttpCode(200)
  async addLegacy(@CurrentTenant() tenant: Tenant, @Body() raw: unknown) {
    const body = parsePlatform(platformAddSchema, raw);
    const outcome = await this.adds.add(tenant.projectId, body);
    const v11 = body.output_format === 'v1.1';
    const results =
      outcome.status === 'PENDING'
        ? [{ message: queuedMessage, status: 'PENDING', event_id: outcome.eventId }]
        : outcome.results.map(v11 ? toAddItemV11 : toAddItem);
    return v11 ? { results, relations: [] } : results;
  }
}
