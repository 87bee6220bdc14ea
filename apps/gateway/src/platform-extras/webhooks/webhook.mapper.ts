import type { Webhook } from '@mnemo/contracts';

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
    ...(secret === undefined ? {} : { secret }),
  };
}
