import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { z } from 'zod';
import { WebhooksClient } from '@mnemo/clients';
import { DomainError } from '@mnemo/contracts';
import { PlatformAuthGuard } from '../../tenancy/platform-auth.guard';
import { CurrentTenant, type Tenant } from '../../tenancy/tenant';
import { FieldErrorsException, parseFields } from '../field-errors';
import { FieldErrorsFilter } from '../field-errors.filter';
import { webhookCreateSchema, webhookUpdateSchema } from './webhook.schemas';
import { toPlatformDelivery, toPlatformWebhook } from './webhook.mapper';

export const noProjectAccess = "You don't have access to this project";
export const webhookNotFound = 'Webhook not found';
export const deliveryNotFound = 'Delivery not found';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Webhook subscriptions of the caller's project (stored by the webhook dispatcher). */
@Controller('api/v1/webhooks')
@UseGuards(PlatformAuthGuard)
@UseFilters(FieldErrorsFilter)
export class WebhooksHttpController {
  constructor(private readonly webhooks: WebhooksClient) {}

  @Get('projects/:projectId')
  async list(@CurrentTenant() tenant: Tenant, @Param('projectId') projectId: string) {
    requireOwnProject(tenant, projectId);
    return (await this.webhooks.list(tenant.projectId)).map((webhook) =>
      toPlatformWebhook(webhook),
    );
  }

  @Post('projects/:projectId')
  @HttpCode(201)
  async create(
    @CurrentTenant() tenant: Tenant,
    @Param('projectId') projectId: string,
    @Body() raw: unknown,
  ) {
    requireOwnProject(tenant, projectId);
    const body = parseFields(webhookCreateSchema, raw);
    const created = await withFieldErrors(
      this.webhooks.create({
        projectId: tenant.projectId,
        name: body.name,
        url: body.url,
        eventTypes: body.event_types,
        isActive: body.is_active ?? true,
        owner: tenant.userEmail,
      }),
    );
    return toPlatformWebhook(created.webhook, created.secret);
  }

  @Put(':webhookId')
  async update(
    @CurrentTenant() tenant: Tenant,
    @Param('webhookId') webhookId: string,
    @Body() raw: unknown,
  ) {
    const body = parseFields(webhookUpdateSchema, raw ?? {});
    await withFieldErrors(
      this.webhooks.update({
        projectId: tenant.projectId,
        webhookId: webhookIdFrom(webhookId),
        name: body.name,
        url: body.url,
        eventTypes: body.event_types,
        isActive: body.is_active,
      }),
    );
    return { message: 'Webhook updated successfully' };
  }

  @Post(':webhookId/rotate-secret')
  async rotateSecret(@CurrentTenant() tenant: Tenant, @Param('webhookId') webhookId: string) {
    const rotated = await this.webhooks.rotateSecret(tenant.projectId, webhookIdFrom(webhookId));
    return toPlatformWebhook(rotated.webhook, rotated.secret);
  }

  @Get(':webhookId/deliveries')
  async deliveries(@CurrentTenant() tenant: Tenant, @Param('webhookId') webhookId: string) {
    const log = await this.webhooks.listDeliveries(tenant.projectId, webhookIdFrom(webhookId));
    return log.map(toPlatformDelivery);
  }

  @Post('deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  async redeliver(@CurrentTenant() tenant: Tenant, @Param('deliveryId') deliveryId: string) {
    if (!uuidPattern.test(deliveryId)) throw new DomainError('not_found', deliveryNotFound);
    const delivery = await this.webhooks.redeliver(tenant.projectId, deliveryId.toLowerCase());
    return toPlatformDelivery(delivery);
  }

  @Delete(':webhookId')
  async delete(@CurrentTenant() tenant: Tenant, @Param('webhookId') webhookId: string) {
    const deleted = await this.webhooks.delete(tenant.projectId, webhookIdFrom(webhookId));
    if (!deleted) throw new DomainError('not_found', webhookNotFound);
    return { message: 'Webhook deleted successfully' };
  }
}

function requireOwnProject(tenant: Tenant, projectId: string): void {
  if (projectId !== tenant.projectId) throw new DomainError('forbidden', noProjectAccess);
}

// Ids are UUIDs: anything else cannot name a webhook, of this project or another.
function webhookIdFrom(raw: string): string {
  if (!uuidPattern.test(raw)) throw new DomainError('not_found', webhookNotFound);
  return raw.toLowerCase();
}

const fieldsSchema = z.object({ fields: z.record(z.string(), z.array(z.string())) });

// The dispatcher names a refused field (an unsafe url) in the error's details.
async function withFieldErrors<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    const details = error instanceof DomainError ? fieldsSchema.safeParse(error.details) : null;
    if (details?.success) throw new FieldErrorsException(details.data.fields);
    throw error;
  }
}
