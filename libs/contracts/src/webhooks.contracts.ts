import { z } from 'zod';
import { defineRequest } from './contract';

/** The memory events a webhook may subscribe to (the TS client's `WebhookEvent`). */
export const webhookEventTypes = [
  'memory_add',
  'memory_update',
  'memory_delete',
  'memory_categorize',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return (webhookEventTypes as readonly unknown[]).includes(value);
}

/** An absolute http(s) URL with a host: the only targets a webhook may have. */
export function isWebhookUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

export const webhookNameSchema = z.string().trim().min(1).max(255);
export const webhookUrlSchema = z
  .string()
  .max(2048)
  .refine(isWebhookUrl, { message: 'Enter a valid URL.' });
export const webhookEventTypesSchema = z.array(z.enum(webhookEventTypes)).min(1).max(16);

/** A subscription as the dispatcher stores it; the secret never leaves after creation. */
export const webhookSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  url: z.string(),
  eventTypes: z.array(z.enum(webhookEventTypes)),
  isActive: z.boolean(),
  /** why delivery switched the webhook off (410 Gone, too many failures); null otherwise */
  disabledReason: z.string().nullable().default(null),
  owner: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Webhook = z.infer<typeof webhookSchema>;

export const createWebhookContract = defineRequest(
  'webhook.subscription.create.v1',
  z.object({
    projectId: z.string().min(1),
    name: webhookNameSchema,
    url: webhookUrlSchema,
    eventTypes: webhookEventTypesSchema,
    isActive: z.boolean().default(true),
    owner: z.string().max(255),
  }),
  /** `secret` signs deliveries; it is returned here once and never again. */
  z.object({ webhook: webhookSchema, secret: z.string() }),
);

export const listWebhooksContract = defineRequest(
  'webhook.subscription.list.v1',
  z.object({ projectId: z.string().min(1) }),
  z.object({ webhooks: z.array(webhookSchema) }),
);

/** Changes only the fields given; answers `not_found` for another project's webhook. */
export const updateWebhookContract = defineRequest(
  'webhook.subscription.update.v1',
  z.object({
    projectId: z.string().min(1),
    webhookId: z.string().min(1),
    name: webhookNameSchema.optional(),
    url: webhookUrlSchema.optional(),
    eventTypes: webhookEventTypesSchema.optional(),
    isActive: z.boolean().optional(),
  }),
  z.object({ webhook: webhookSchema }),
);

export const deleteWebhookContract = defineRequest(
  'webhook.subscription.delete.v1',
  z.object({ projectId: z.string().min(1), webhookId: z.string().min(1) }),
  z.object({ deleted: z.boolean() }),
);

/** A new signing secret, returned once; the old one still signs for a grace period. */
export const rotateWebhookSecretContract = defineRequest(
  'webhook.subscription.rotate-secret.v1',
  z.object({ projectId: z.string().min(1), webhookId: z.string().min(1) }),
  z.object({ webhook: webhookSchema, secret: z.string() }),
);

export const webhookDeliveryStatuses = ['pending', 'succeeded', 'failed', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

/** One event sent to one webhook: its id is the `webhook-id` header, stable across retries. */
export const webhookDeliverySchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(webhookDeliveryStatuses),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

/** Latest first; answers `not_found` for another project's webhook. */
export const listWebhookDeliveriesContract = defineRequest(
  'webhook.delivery.list.v1',
  z.object({
    projectId: z.string().min(1),
    webhookId: z.string().min(1),
    limit: z.number().int().min(1).max(500).default(100),
  }),
  z.object({ deliveries: z.array(webhookDeliverySchema) }),
);

/** Sends a delivery again from its first attempt; `not_found` for another project's delivery. */
export const redeliverWebhookContract = defineRequest(
  'webhook.delivery.redeliver.v1',
  z.object({ projectId: z.string().min(1), deliveryId: z.string().min(1) }),
  z.object({ delivery: webhookDeliverySchema }),
);
