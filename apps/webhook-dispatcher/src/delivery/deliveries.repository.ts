import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WebhookDelivery, WebhookDeliveryStatus } from '@mnemo/contracts';

export interface NewDelivery {
  id: string;
  projectId: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  body: string;
}

/** A delivery claimed for one attempt, with what signing and sending need. */
export interface ClaimedDelivery {
  id: string;
  projectId: string;
  webhookId: string;
  body: string;
  attempts: number;
}

export interface AttemptResult {
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  statusCode: number | null;
  latencyMs: number | null;
  error: string | null;
}

interface DeliveryRow {
  id: string;
  project_id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
}

const columns = `id, project_id, webhook_id, event_id, event_type, status, attempts, next_attempt_at,
  last_status_code, last_latency_ms, last_error, created_at, updated_at`;

/** All SQL on the delivery log; rows are claimed with a lease so any instance may send them. */
@Injectable()
export class DeliveriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Idempotent on the id: an event redelivered by JetStream adds nothing. */
  async insertMany(deliveries: NewDelivery[], now: Date): Promise<void> {
    if (deliveries.length === 0) return;
    const values = deliveries.map(() => "(?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)").join(', ');
    const params = deliveries.flatMap((d) => [
      d.id,
      d.projectId,
      d.webhookId,
      d.eventId,
      d.eventType,
      d.body,
      now,
      now,
      now,
    ]);
    await this.dataSource.query(
      `INSERT IGNORE INTO webhook_deliveries (id, project_id, webhook_id, event_id, event_type, body,
        status, attempts, next_attempt_at, created_at, updated_at) VALUES ${values}`,
      params,
    );
  }

  /** Due rows, skipping those another instance holds; the lease makes a crashed claim due again. */
  claimDue(limit: number, now: Date, leaseMs: number): Promise<ClaimedDelivery[]> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const rows = await manager.query<DeliveryRow[]>(
        `SELECT id, project_id, webhook_id, body, attempts FROM webhook_deliveries
         WHERE status = 'pending' AND next_attempt_at <= ?
         ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED`,
        [now, limit],
      );
      if (rows.length === 0) return [];
      await manager.query(
        `UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id IN (${rows.map(() => '?').join(', ')})`,
        [new Date(now.getTime() + leaseMs), ...rows.map((row) => row.id)],
      );
      return rows.map((row) => ({
        id: row.id,
        projectId: row.project_id,
        webhookId: row.webhook_id,
        body: row.body,
        attempts: row.attempts,
      }));
    });
  }

  async recordAttempt(id: string, result: AttemptResult, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?,
        last_status_code = ?, last_latency_ms = ?, last_error = ?, updated_at = ? WHERE id = ?`,
      [
        result.status,
        result.attempts,
        result.nextAttemptAt,
        result.statusCode,
        result.latencyMs,
        result.error?.slice(0, 1024) ?? null,
        now,
        id,
      ],
    );
  }

  /** Gives a claimed row back untried, e.g. when its target is busy. */
  async release(id: string, at: Date): Promise<void> {
    await this.dataSource.query('UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?', [
      at,
      id,
    ]);
  }

  async list(projectId: string, webhookId: string, limit: number): Promise<WebhookDelivery[]> {
    const rows = await this.dataSource.query<DeliveryRow[]>(
      `SELECT ${columns} FROM webhook_deliveries WHERE project_id = ? AND webhook_id = ?
       ORDER BY created_at DESC, id DESC LIMIT ?`,
      [projectId, webhookId, limit],
    );
    return rows.map(toDelivery);
  }

  /** Back to pending from its first attempt; null when the project has no such delivery. */
  async redeliver(projectId: string, id: string, now: Date): Promise<WebhookDelivery | null> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?,
        updated_at = ? WHERE project_id = ? AND id = ?`,
      [now, now, projectId, id],
    );
    const rows = await this.dataSource.query<DeliveryRow[]>(
      `SELECT ${columns} FROM webhook_deliveries WHERE project_id = ? AND id = ?`,
      [projectId, id],
    );
    return rows[0] ? toDelivery(rows[0]) : null;
  }
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    lastStatusCode: row.last_status_code,
    lastLatencyMs: row.last_latency_ms,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
