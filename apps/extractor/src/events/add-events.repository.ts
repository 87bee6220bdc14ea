import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  scopeFields,
  type AddEvent,
  type AddEventStatus,
  type AddJob,
  type AddResult,
  type ErrorBody,
  type JsonObject,
} from '@mnemo/contracts';
import { AddEventEntity } from './add-event.entity';

export interface EventRegistration {
  eventId: string;
  projectId: string;
  eventType: string;
  payload: JsonObject | null;
  metadata: JsonObject | null;
}

/** The lifecycle of each add: PENDING -> RUNNING -> SUCCEEDED | FAILED, with results and latency. */
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

  /**
   * Running; registers the event first when the gateway's registration has not arrived yet (it is
   * sent after the job, without waiting), with the same payload: the job is what counts. Returns
   * the event when it is already final (a redelivery after its outcome was recorded): SUCCEEDED
   * and FAILED never change again, so the job must not run a second time.
   */
  async markRunning(job: AddJob): Promise<AddEvent | null> {
    const now = new Date();
    await this.register(
      {
        eventId: job.eventId,
        projectId: job.projectId,
        eventType: 'ADD',
        payload: eventPayload(job),
        metadata: job.metadata,
      },
      new Date(job.occurredAt),
    );
    const result: unknown = await this.dataSource.query(
      `UPDATE add_events SET status = 'RUNNING', started_at = COALESCE(started_at, ?), updated_at = ?
       WHERE project_id = ? AND id = ? AND status IN ('PENDING', 'RUNNING')`,
      [now, now, job.projectId, job.eventId],
    );
    if (affectedRows(result) > 0) return null;
    const event = await this.get(job.projectId, job.eventId);
    return event && isFinal(event.status) ? event : null;
  }

  /** Records the outcome once: an event already SUCCEEDED or FAILED keeps what it has. */

  async finish(
    job: AddJob,
    status: Extract<AddEventStatus, 'SUCCEEDED' | 'FAILED'>,
    results: AddResult[],
    error?: ErrorBody,
  ): Promise<void> {
    const now = new Date();
    await this.dataSource.query(
      `UPDATE add_events SET status = ?, results = ?, error = ?, completed_at = ?, updated_at = ?,
         latency_ms = TIMESTAMPDIFF(MICROSECOND, created_at, ?) DIV 1000
       WHERE project_id = ? AND id = ? AND status IN ('PENDING', 'RUNNING')`,
      [
        status,
        JSON.stringify(results),
        json(error ?? null),
        now,
        now,
        now,
        job.projectId,
        job.eventId,
      ],
    );
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

/** What the gateway registers as the event's payload: the messages and the ids of the scope. */
function eventPayload(job: AddJob): JsonObject {
  return { messages: job.messages, ...scopeFields(job.scope) };
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function isFinal(status: AddEventStatus): boolean {
  return status === 'SUCCEEDED' || status === 'FAILED';
}

// UPDATE through the raw driver answers a result header; matched rows only when the status moved.
function affectedRows(result: unknown): number {
  return typeof result === 'object' && result !== null && 'affectedRows' in result
    ? Number(result.affectedRows)
    : 0;
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
