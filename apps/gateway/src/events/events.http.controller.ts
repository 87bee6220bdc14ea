import { setTimeout as delay } from 'node:timers/promises';
import { Controller, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { addEventStatuses, DomainError, inputLimits, type AddEvent } from '@mnemo/contracts';
import { parseRequest } from '../http/request-validation';
import { offsetOf, pageEnvelope, pageRequest, requestUrl } from '../http/pagination';
import { PlatformAuthGuard } from '../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant, type TenantRequest } from '../tenancy/tenant';
import { AddEventsRepository } from './add-events.repository';

// Re-reads of a missing event (ms between them): about 0.4 s in all, well within a second.
const lateRowWaitsMs = [25, 50, 100, 200];

export const listQuery = z.object({ status: z.enum(addEventStatuses).optional() });

/** The status of asynchronous adds: `GET /v1/event/{id}/` and `GET /v1/events/`. */
@Controller()
@UseGuards(PlatformAuthGuard)
export class EventsHttpController {
  constructor(private readonly events: AddEventsRepository) {}

  @Get('v1/event/:eventId')
  async get(@CurrentTenant() tenant: Tenant, @Param('eventId') eventId: string) {
    const event = await this.lookUp(tenant.projectId, eventId);
    if (!event)
      throw new DomainError(
        'not_found',
        "Event not found or you don't have permission to access it.",
      );
    return toPlatformEvent(event);
  }

  /**
   * The event, looked for again for a moment when missing: an async add answers once its job is
   * durably queued, and its PENDING row is written right after, so a client that asks at once
   * (as SDKs poll) may be ahead of it, more so on a loaded database. Unknown ids answer 404 after
   * about 0.4 s.
   */
  private async lookUp(projectId: string, eventId: string): Promise<AddEvent | null> {
    for (const wait of [0, ...lateRowWaitsMs]) {
      if (wait > 0) await delay(wait);
      const event = await this.events.get(projectId, eventId);
      if (event) return event;
    }
    return null;
  }

  @Get('v1/events')
  async list(
    @CurrentTenant() tenant: Tenant,
    @Query() raw: unknown,
    @Req() request: TenantRequest,
  ) {
    const { status } = parseRequest(listQuery, raw, 'query');
    const paging = pageRequest([raw as Record<string, unknown>], {
      defaultSize: 50,
      maxSize: inputLimits.eventsPageSize,
    });
    const page = await this.events.list(
      tenant.projectId,
      paging.pageSize,
      offsetOf(paging),
      status,
    );
    return pageEnvelope(requestUrl(request), paging, page.total, page.results.map(toPlatformEvent));
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
