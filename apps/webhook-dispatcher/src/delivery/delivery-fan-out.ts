import type { MemoryEventPayload } from '@mnemo/contracts';
import type { WebhooksRepository } from '../subscriptions/webhooks.repository';
import type { DeliveriesRepository } from './deliveries.repository';
import { deliveryId, webhookBody, webhookEventFor } from './delivery-payload';

/** Turns one memory event into one pending delivery per matching active webhook of its project. */
export class DeliveryFanOut {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly onQueued: () => void,
  ) {}

  async enqueue(event: MemoryEventPayload): Promise<number> {
    const wanted = webhookEventFor[event.type];
    const targets = (await this.webhooks.list(event.project_id)).filter(
      (webhook) => webhook.isActive && webhook.eventTypes.includes(wanted),
    );
    if (targets.length === 0) return 0;
    const body = webhookBody(event);
    await this.deliveries.insertMany(
      targets.map((webhook) => ({
        id: deliveryId(event.event_id, webhook.id),
        projectId: event.project_id,
        webhookId: webhook.id,
        eventId: event.event_id,
        eventType: wanted,
        body,
      })),
      new Date(),
    );
    this.onQueued();
    return targets.length;
  }
}
