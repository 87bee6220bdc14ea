import type { MemoryEventPayload } from '@mnemo/contracts';
import type { WebhookEntity } from '../subscriptions/webhook.entity';
import type { WebhooksRepository } from '../subscriptions/webhooks.repository';
import type { DeliveriesRepository, NewDelivery } from './deliveries.repository';
import { DeliveryFanOut } from './delivery-fan-out';
import { deliveryId } from './delivery-payload';

describe(DeliveryFanOut.name, () => {
  const webhook = (projectId: string, id: string, eventTypes: string[], isActive = true) =>
    ({ projectId, id, eventTypes, isActive }) as WebhookEntity;
  const event = (eventId: string, projectId: string, type: MemoryEventPayload['type']) =>
    ({
      event_id: eventId,
      type,
      project_id: projectId,
      occurred_at: new Date(0).toISOString(),
      actor: null,
      memory: { id: `m-${eventId}`, memory: 'likes tea', categories: [] },
    }) as unknown as MemoryEventPayload;

  function fanOutOver(hooks: WebhookEntity[]) {
    const lookups: string[][] = [];
    const inserts: NewDelivery[][] = [];
    let wakes = 0;
    const webhooks = {
      listForProjects: (projectIds: string[]) => {
        lookups.push(projectIds);
        return Promise.resolve(
          new Map(projectIds.map((id) => [id, hooks.filter((h) => h.projectId === id)])),
        );
      },
    } as unknown as WebhooksRepository;
    const deliveries = {
      insertMany: (rows: NewDelivery[]) => {
        inserts.push(rows);
        return Promise.resolve();
      },
    } as unknown as DeliveriesRepository;
    const fanOut = new DeliveryFanOut(webhooks, deliveries, () => wakes++);
    return { fanOut, lookups, inserts, wakes: () => wakes };
  }

  it('fans a batch out with one webhook lookup and one insert, in event order', async () => {
    const { fanOut, lookups, inserts, wakes } = fanOutOver([
      webhook('p1', 'w1', ['memory_add', 'memory_update']),
      webhook('p1', 'w2', ['memory_delete']),
      webhook('p2', 'w3', ['memory_add']),
      webhook('p2', 'w4', ['memory_add'], false),
    ]);
    const count = await fanOut.enqueueAll([
      event('e1', 'p1', 'memory.created'),
      event('e2', 'p2', 'memory.created'),
      event('e3', 'p1', 'memory.deleted'),
      event('e4', 'p3', 'memory.created'),
      event('e5', 'p1', 'memory.updated'),
    ]);
    expect(count).toBe(4);
    expect(lookups).toEqual([['p1', 'p2', 'p3']]);
    expect(inserts).toHaveLength(1);
    expect(inserts[0].map((row) => [row.eventId, row.webhookId, row.eventType])).toEqual([
      ['e1', 'w1', 'memory_add'],
      ['e2', 'w3', 'memory_add'],
      ['e3', 'w2', 'memory_delete'],
      ['e5', 'w1', 'memory_update'],
    ]);
    expect(inserts[0][0].id).toBe(deliveryId('e1', 'w1'));
    expect(wakes()).toBe(1);
  });

  it('inserts nothing and wakes no one when no webhook wants the events', async () => {
    const { fanOut, inserts, wakes } = fanOutOver([webhook('p1', 'w1', ['memory_delete'])]);
    expect(await fanOut.enqueueAll([event('e1', 'p1', 'memory.created')])).toBe(0);
    expect(inserts).toEqual([]);
    expect(wakes()).toBe(0);
  });
});
