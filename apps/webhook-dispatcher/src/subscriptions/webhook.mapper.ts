import type { Webhook } from '@mnemo/contracts';
import type { WebhookEntity } from './webhook.entity';

/** The wire form of a subscription: never carries a secret. */
export function toWebhook(entity: WebhookEntity): Webhook {
  return {
    id: entity.id,
    projectId: entity.projectId,
    name: entity.name,
    url: entity.url,
    eventTypes: entity.eventTypes,
    isActive: entity.isActive,
    disabledReason: entity.disabledReason,
    owner: entity.owner,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
