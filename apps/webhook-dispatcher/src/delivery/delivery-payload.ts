import { createHash } from 'node:crypto';
import type { MemoryEventPayload, MemoryEventType, WebhookEventType } from '@mnemo/contracts';

export const webhookEventFor: Record<MemoryEventType, WebhookEventType> = {
  'memory.created': 'memory_add',
  'memory.updated': 'memory_update',
  'memory.deleted': 'memory_delete',
  'memory.categorized': 'memory_categorize',
};

const mem0Event = {
  'memory.created': 'ADD',
  'memory.updated': 'UPDATE',
  'memory.deleted': 'DELETE',
} as const;

/** The same (event, webhook) always gives the same id: it is the `webhook-id` across retries. */
export function deliveryId(eventId: string, webhookId: string): string {
  const hex = createHash('sha256').update(`${eventId}\n${webhookId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The Mem0 Platform webhook body for one memory event. */
export function webhookBody(event: MemoryEventPayload): string {
  if (event.type === 'memory.categorized') {
    return JSON.stringify({
      event_details: {
        event: 'CATEGORIZE',
        memory_id: event.memory.id,
        categories: event.memory.categories,
      },
    });
  }
  return JSON.stringify({
    event_details: {
      id: event.memory.id,
      data: { memory: event.memory.memory },
      event: mem0Event[event.type],
    },
  });
}
