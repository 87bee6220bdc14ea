import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEvent } from './memory-event.builder';
import { MemoryOutboxEntity } from './memory-outbox.entity';
import type { PendingEvent } from './outbox.repository';

// Bounds one INSERT statement (payloads carry metadata) well under max_allowed_packet.
const insertChunk = 200;

/** Writes memory events in the caller's transaction and hands them to the relay once it commits. */
@Injectable()
export class MemoryEventsOutbox {
  private readonly listeners = new Set<(events: PendingEvent[]) => void>();

  async record(manager: EntityManager, events: OutboxEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += insertChunk) {
      // Without reading the row back: TypeORM would select `attempts` (it has a default) again.
      await manager
        .createQueryBuilder()
        .insert()
        .into(MemoryOutboxEntity)
        .updateEntity(false)
        .values(
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
        )
        .execute();
    }
  }

  /** Called after a transaction that recorded `events` has committed, with them in order. */
  committed(events: OutboxEvent[]): void {
    const rows = events.map((event) => ({
      id: event.id,
      subject: event.subject,
      // The text the JSON column was given.
      payload: JSON.stringify(event.payload),
    }));
    for (const listener of this.listeners) listener(rows);
  }

  onCommitted(listener: (events: PendingEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
