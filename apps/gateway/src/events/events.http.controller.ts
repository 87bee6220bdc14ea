import { Controller, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { AddEventsClient } from '@mnemo/clients';
import { addEventStatuses, DomainError, type AddEvent } from '@mnemo/contracts';
import { parseRequest } from '../http/request-validation';
import { pageLinks } from '../http/page-links';
import { PlatformAuthGuard } from '../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant, type TenantRequest } from '../tenancy/tenant';

const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(addEventStatuses).optional(),
});

/** The status of asynchronous adds: `GET /v1/event/{id}/` and `GET /v1/events/`. */
@Controller()
@UseGuards(PlatformAuthGuard)
export class EventsHttpController {
  constructor(private readonly events: AddEventsClient) {}

  @Get('v1/event/:eventId')
  async get(@CurrentTenant() tenant: Tenant, @Param('eventId') eventId: string) {
    const event = await this.events.get(tenant.projectId, eventId);
    if (!event)
      throw new DomainError(
        'not_found',
        "Event not found or you don't have permission to access it.",
      );
    return toPlatformEvent(event);
  }

  @Get('v1/events')
  async list(
    @CurrentTenant() tenant: Tenant,
    @Query() raw: unknown,
    @Req() request: TenantRequest,
  ) {
    const query = parseRequest(listQuery, raw, 'query');
    const offset = (query.page - 1) * query.page_size;
    const page = await this.events.list(tenant.projectId, query.page_size, offset, query.status);
    return {
      count: page.total,
      ...pageLinks(request, query.page, query.page_size, page.total),
      results: page.results.map(toPlatformEvent),
    };
  }
}

function toPlatformEvent(event: AddEvent) {
  return {
    id: event.id,
    event_type: event.eventType,
    status: event.status,
    payload: event.payload,
    metadata: event.metadata,
    results: event.results.map((result) => ({
      id: result.id,
      event: result.event,
      memory: result.memory,
      data: { memory: result.memory },
      ...(result.previousMemory !== undefined ? { previous_memory: result.previousMemory } : {}),
    })),
    created_at: event.createdAt,
    updated_at: event.updatedAt,
    started_at: event.startedAt,
    completed_at: event.completedAt,
    latency: event.latencyMs,
    ...(event.error ? { error: event.error.message, error_code: event.error.code } : {}),
  };
}
