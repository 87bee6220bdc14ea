import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEvent } from './memory-event.builder';
import { MemoryOutboxEntity } from './memory-outbox.entity';

// Bounds one INSERT statement (payloads carry metadata) well under max_allowed_packet.
const insertChunk = 200;

/** Writes memory events in the caller's transaction and wakes the relay once it commits. */
@Injectable()
export class MemoryEventsOutbox {
  private readonly listeners = new Set<() => void>();

  async record(manager: EntityManager, events: OutboxEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += insertChunk) {
      await manager.insert(
        MemoryOutboxEntity,
        events.slice(start, start + insertChunk).map((event) => ({
          id: event.id,
          projectId: event.projectId,
          subject: event.subject,
          // TypeORM's insert typing cannot express an open JSON object.
          payload: event.payload as never,
          createdAt: event.createdAt,
          sentAt: null,
          attempts: 0,
          lastError: null,
        })),
      );
    }
  }

  /** Called after a transaction that recorded events has committed. */
  committed(): void {
    for (const listener of this.listeners) listener();
  }

  onCommitted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
