import type { DataSource, EntityManager } from 'typeorm';
import { sqlErrorCode } from '@mnemo/persistence';
import type { Logger } from '@mnemo/observability';

/** A row the relay is about to publish; `payload` is the stored JSON text. */
export interface PendingEvent {
  id: string;
  subject: string;
  payload: string;
}

/** Rows claimed for one batch: held until `work` returns, so other relays skip them. */
export interface ClaimedBatch {
  rows: PendingEvent[];
  markSent(ids: string[]): Promise<void>;
  markFailed(id: string, error: string, done: boolean): Promise<void>;
}

export interface ClaimOptions {
  limit: number;
  /** only rows created at or before this instant (the test-only relay delay) */
  createdBefore?: Date;
}

/** What the relay needs from storage; `OutboxRepository` is the SQL one. */
export interface OutboxStore {
  claimBatch<T>(options: ClaimOptions, work: (batch: ClaimedBatch) => Promise<T>): Promise<T>;
  /** Rows published without a claim (a commit handed them over): one statement, no lock held. */
  markSent(ids: string[]): Promise<void>;
  pruneSent(sentBefore: Date, limit: number): Promise<number>;
}

const errorLength = 1024;

/** The outbox table's relay side: claims with SKIP LOCKED (plain FOR UPDATE where unsupported). */
export class OutboxRepository implements OutboxStore {
  private lockClause: 'FOR UPDATE SKIP LOCKED' | 'FOR UPDATE' = 'FOR UPDATE SKIP LOCKED';

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger?: Logger,
  ) {}

  async claimBatch<T>(
    options: ClaimOptions,
    work: (batch: ClaimedBatch) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const rows = await this.selectPending(manager, options);
      return work({
        rows,
        markSent: (ids) => markSent(manager, ids),
        markFailed: (id, error, done) => markFailed(manager, id, error, done),
      });
    });
  }

  markSent(ids: string[]): Promise<void> {
    return markSent(this.dataSource.manager, ids);
  }

  /** Events committed and not yet published: how many, and when the oldest was written. */
  async backlog(): Promise<{ pending: number; oldestAt: Date | undefined }> {
    const rows = await this.dataSource.query<{ pending: number | string; oldest: Date | null }[]>(
      `SELECT COUNT(*) AS pending,
         (SELECT created_at FROM memory_outbox WHERE sent_at IS NULL ORDER BY seq LIMIT 1) AS oldest
       FROM memory_outbox WHERE sent_at IS NULL`,
    );
    const row = rows[0];
    return { pending: Number(row?.pending ?? 0), oldestAt: row?.oldest ?? undefined };
  }

  async pruneSent(sentBefore: Date, limit: number): Promise<number> {
    const result = await this.dataSource.query<{ affectedRows?: number }>(
      'DELETE FROM memory_outbox WHERE sent_at < ? LIMIT ?',
      [sentBefore, limit],
    );
    return result.affectedRows ?? 0;
  }

  private async selectPending(
    manager: EntityManager,
    options: ClaimOptions,
  ): Promise<PendingEvent[]> {
    const createdBefore = options.createdBefore ? 'AND created_at <= ?' : '';
    const params = options.createdBefore ? [options.createdBefore, options.limit] : [options.limit];
    const sql = (lock: string) =>
      `SELECT id, subject, payload FROM memory_outbox WHERE sent_at IS NULL ${createdBefore}
       ORDER BY seq LIMIT ? ${lock}`;
    try {
      return toPending(await manager.query(sql(this.lockClause), params));
    } catch (err) {
      if (this.lockClause === 'FOR UPDATE' || !isSyntaxError(err)) throw err;
      // MySQL 5.7 and some distributed engines lack SKIP LOCKED: relays then take turns.
      this.lockClause = 'FOR UPDATE';
      this.logger?.warn('SKIP LOCKED is not supported here; outbox relays will take turns');
      return toPending(await manager.query(sql(this.lockClause), params));
    }
  }
}

async function markSent(manager: EntityManager, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await manager.query(
    `UPDATE memory_outbox SET sent_at = ?, attempts = attempts + 1
     WHERE id IN (${ids.map(() => '?').join(', ')})`,
    [new Date(), ...ids],
  );
}

async function markFailed(
  manager: EntityManager,
  id: string,
  error: string,
  done: boolean,
): Promise<void> {
  await manager.query(
    'UPDATE memory_outbox SET attempts = attempts + 1, last_error = ?, sent_at = ? WHERE id = ?',
    [error.slice(0, errorLength), done ? new Date() : null, id],
  );
}

function toPending(rows: { id: string; subject: string; payload: unknown }[]): PendingEvent[] {
  // MariaDB returns JSON columns as text, MySQL as parsed values.
  return rows.map((row) => ({
    id: row.id,
    subject: row.subject,
    payload: typeof row.payload === 'string' ? row.payload : JSON.stringify(row.payload),
  }));
}

function isSyntaxError(err: unknown): boolean {
  return sqlErrorCode(err) === 'ER_PARSE_ERROR';
}
