import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type memoryAddStartedContract,
  type AddCompleted,
  type AddEvent,
  type AddEventStatus,
  type JsonObject,
  type MessageOf,
} from '@mnemo/contracts';
import { AddEventEntity } from './add-event.entity';

type AddStarted = MessageOf<typeof memoryAddStartedContract>;

export interface EventRegistration {
  eventId: string;
  projectId: string;
  eventType: string;
  payload: JsonObject | null;
  metadata: JsonObject | null;
}

/**
 * The lifecycle of each add: PENDING -> RUNNING -> SUCCEEDED | FAILED, with results and latency.
 * Written by the gateway alone: PENDING when it accepts a tracked add, the rest from the
 * extractor's messages on `MNEMO_ADD_EVENTS`. Those may arrive in any order and more than once,
 * so every statement creates the row when it is missing and never moves the status back: a
 * SUCCEEDED or FAILED event keeps what it has.
 */
@Injectable()
export class AddEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async register(event: EventRegistration, at = new Date()): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO add_events (project_id, id, event_type, status, payload, metadata, created_at, updated_at)
       VALUES (?, ?, ?, 'PENDING', ?, ?, ?, ?) ON DUPLICATE KEY UPDATE id = id`,
      [
        event.projectId,
        event.eventId,
        event.eventType,
        json(event.payload),
        json(event.metadata),
        at,
        at,
      ],
    );
  }

  /** The job started running: RUNNING unless already final; the first start is kept. */
  async started(started: AddStarted): Promise<void> {
    const at = new Date(started.occurredAt);
    await this.dataSource.query(
      `INSERT INTO add_events
         (project_id, id, event_type, status, payload, metadata, created_at, updated_at, started_at)
       VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE
         status = IF(status = 'PENDING', 'RUNNING', status),
         payload = COALESCE(payload, VALUES(payload)),
         metadata = COALESCE(metadata, VALUES(metadata)),
         created_at = LEAST(created_at, VALUES(created_at)),
         latency_ms = IF(completed_at IS NULL, latency_ms,
           TIMESTAMPDIFF(MICROSECOND, created_at, completed_at) DIV 1000),
         started_at = LEAST(COALESCE(started_at, VALUES(started_at)), VALUES(started_at)),
         updated_at = GREATEST(updated_at, VALUES(updated_at))`,
      [
        started.projectId,
        started.eventId,
        started.eventType,
        json(started.payload),
        json(started.metadata),
        new Date(started.acceptedAt),
        at,
        at,
      ],
    );
  }

  /** Records the outcome once: an event already SUCCEEDED or FAILED keeps what it has. */
  async completed(completion: AddCompleted): Promise<void> {
    const at = new Date(completion.occurredAt);
    const final = `status IN ('PENDING', 'RUNNING')`;
    await this.dataSource.query(
      `INSERT INTO add_events
         (project_id, id, event_type, status, results, error, created_at, updated_at, completed_at, latency_ms)
       VALUES (?, ?, 'ADD', ?, ?, ?, ?, ?, ?, 0)
       ON DUPLICATE KEY UPDATE
         results = IF(${final}, VALUES(results), results),
         error = IF(${final}, VALUES(error), error),
         completed_at = IF(${final}, VALUES(completed_at), completed_at),
         latency_ms = IF(${final},
           TIMESTAMPDIFF(MICROSECOND, created_at, VALUES(completed_at)) DIV 1000, latency_ms),
         updated_at = IF(${final}, VALUES(updated_at), updated_at),
         status = IF(${final}, VALUES(status), status)`,
      [
        completion.projectId,
        completion.eventId,
        completion.status,
        JSON.stringify(completion.results),
        json(completion.error ?? null),
        at,
        at,
        at,
      ],
    );
  }

  /** The add's completion when its event is final, for a waiter that missed the message. */
  async completion(projectId: string, eventId: string): Promise<AddCompleted | null> {
    const event = await this.get(projectId, eventId);
    if (!event || (event.status !== 'SUCCEEDED' && event.status !== 'FAILED')) return null;
    return {
      eventId,
      projectId,
      occurredAt: event.completedAt ?? event.updatedAt,
      status: event.status,
      results: event.results,
      ...(event.error ? { error: event.error } : {}),
    };
  }

  async get(projectId: string, eventId: string): Promise<AddEvent | null> {
    const row = await this.dataSource.manager.findOne(AddEventEntity, {
      where: { projectId, id: eventId },
    });
    return row ? toAddEvent(row) : null;
  }

  async list(
    projectId: string,
    limit: number,
    offset: number,
    status?: AddEventStatus,
  ): Promise<{ results: AddEvent[]; total: number }> {
    const where = status ? { projectId, status } : { projectId };
    const [rows, total] = await this.dataSource.manager.findAndCount(AddEventEntity, {
      where,
      order: { createdAt: 'DESC' },
      take: limit,
      skip: offset,
    });
    return { results: rows.map(toAddEvent), total };
  }
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function toAddEvent(row: AddEventEntity): AddEvent {
  return {
    id: row.id,
    projectId: row.projectId,
    eventType: row.eventType,
    status: row.status,
    payload: row.payload,
    metadata: row.metadata,
    results: row.results ?? [],
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    latencyMs: row.latencyMs,
  };
}
