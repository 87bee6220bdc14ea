import type { Webhook, WebhookDelivery } from '@mnemo/contracts';

/** The Platform's Webhook object; `secret` only in the answer to a create. */
export function toPlatformWebhook(webhook: Webhook, secret?: string): Record<string, unknown> {
  return {
    webhook_id: webhook.id,
    name: webhook.name,
    url: webhook.url,
    event_types: webhook.eventTypes,
    owner: webhook.owner,
    is_active: webhook.isActive,
    project: webhook.projectId,
    created_at: webhook.createdAt,
    updated_at: webhook.updatedAt,
    // Not in Mem0's object: shown only once delivery has switched the webhook off.
    ...(webhook.disabledReason === null ? {} : { disabled_reason: webhook.disabledReason }),
    ...(secret === undefined ? {} : { secret }),
  };
}

/** One entry of a webhook's delivery log. */
export function toPlatformDelivery(delivery: WebhookDelivery): Record<string, unknown> {
  return {
    delivery_id: delivery.id,
    webhook_id: delivery.webhookId,
    event_id: delivery.eventId,
    event_type: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    next_attempt_at: delivery.nextAttemptAt,
    last_status_code: delivery.lastStatusCode,
    last_latency_ms: delivery.lastLatencyMs,
    last_error: delivery.lastError,
    created_at: delivery.createdAt,
    updated_at: delivery.updatedAt,
  };
}
