import type { MemoryEventPayload } from '@mnemo/contracts';
import type { WebhooksRepository } from '../subscriptions/webhooks.repository';
import type { DeliveriesRepository, NewDelivery } from './deliveries.repository';
import { deliveryId, webhookBody, webhookEventFor } from './delivery-payload';

/** Turns memory events into one pending delivery per matching active webhook of their project. */
export class DeliveryFanOut {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly onQueued: () => void,
  ) {}

  /**
   * The deliveries of a batch of events, in their order: one query for the webhooks of every
   * project in it and one insert. The webhooks are read after the events arrived, so a webhook
   * created before a write is there for that write's events.
   */
  async enqueueAll(events: MemoryEventPayload[]): Promise<number> {
    const projects = [...new Set(events.map((event) => event.project_id))];
    const webhooks = await this.webhooks.listForProjects(projects);
    const rows: NewDelivery[] = [];
    for (const event of events) {
      const wanted = webhookEventFor[event.type];
      const targets = (webhooks.get(event.project_id) ?? []).filter(
        (webhook) => webhook.isActive && webhook.eventTypes.includes(wanted),
      );
      if (targets.length === 0) continue;
      const body = webhookBody(event);
      for (const webhook of targets) {
        rows.push({
          id: deliveryId(event.event_id, webhook.id),
          projectId: event.project_id,
          webhookId: webhook.id,
          eventId: event.event_id,
          eventType: wanted,
          body,
        });
      }
    }
    if (rows.length === 0) return 0;
    await this.deliveries.insertMany(rows, new Date());
    this.onQueued();
    return rows.length;
  }
}
