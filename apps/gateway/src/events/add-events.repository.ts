import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
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
 *
 * Writes asked for in one turn of the event loop go to MariaDB together, one statement of many
 * rows per kind (`dataloader`), each caller still answered once its rows are stored: under load
 * the accepts and progress messages of many adds share a round trip instead of one each.
 */
@Injectable()
export class AddEventsRepository {
  private readonly registrations = this.batched<{ event: EventRegistration; at: Date }>({
    head: `INSERT INTO add_events (project_id, id, event_type, status, payload, metadata, created_at, updated_at) VALUES`,
    row: "(?, ?, ?, 'PENDING', ?, ?, ?, ?)",
    tail: 'ON DUPLICATE KEY UPDATE id = id',
    key: ({ event }) => event,
    parameters: ({ event, at }) => [
      event.projectId,
      event.eventId,
      event.eventType,
      json(event.payload),
      json(event.metadata),
      at,
      at,
    ],
  });

  private readonly starts = this.batched<AddStarted>({
    head: `INSERT INTO add_events
         (project_id, id, event_type, status, payload, metadata, created_at, updated_at, started_at)
       VALUES`,
    row: "(?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?)",
    tail: `ON DUPLICATE KEY UPDATE
         status = IF(status = 'PENDING', 'RUNNING', status),
         payload = COALESCE(payload, VALUES(payload)),
         metadata = COALESCE(metadata, VALUES(metadata)),
         created_at = LEAST(created_at, VALUES(created_at)),
         latency_ms = IF(completed_at IS NULL, latency_ms,
           TIMESTAMPDIFF(MICROSECOND, created_at, completed_at) DIV 1000),
         started_at = LEAST(COALESCE(started_at, VALUES(started_at)), VALUES(started_at)),
         updated_at = GREATEST(updated_at, VALUES(updated_at))`,
    key: (started) => started,
    parameters: (started) => {
      const at = new Date(started.occurredAt);
      return [
        started.projectId,
        started.eventId,
        started.eventType,
        json(started.payload),
        json(started.metadata),
        new Date(started.acceptedAt),
        at,
        at,
      ];
    },
  });

  private readonly completions = this.batched<AddCompleted>({
    head: `INSERT INTO add_events
         (project_id, id, event_type, status, results, error, created_at, updated_at, completed_at, latency_ms)
       VALUES`,
    row: "(?, ?, 'ADD', ?, ?, ?, ?, ?, ?, 0)",
    tail: `ON DUPLICATE KEY UPDATE
         results = IF(${final}, VALUES(results), results),
         error = IF(${final}, VALUES(error), error),
         completed_at = IF(${final}, VALUES(completed_at), completed_at),
         latency_ms = IF(${final},
           TIMESTAMPDIFF(MICROSECOND, created_at, VALUES(completed_at)) DIV 1000, latency_ms),
         updated_at = IF(${final}, VALUES(updated_at), updated_at),
         status = IF(${final}, VALUES(status), status)`,
    key: (completion) => completion,
    parameters: (completion) => {
      const at = new Date(completion.occurredAt);
      return [
        completion.projectId,
        completion.eventId,
        completion.status,
        JSON.stringify(completion.results),
        json(completion.error ?? null),
        at,
        at,
        at,
      ];
    },
  });

  constructor(private readonly dataSource: DataSource) {}

  register(event: EventRegistration, at = new Date()): Promise<void> {
    return this.registrations.load({ event, at });
  }

  /** The job started running: RUNNING unless already final; the first start is kept. */
  started(started: AddStarted): Promise<void> {
    return this.starts.load(started);
  }

  /** Records the outcome once: an event already SUCCEEDED or FAILED keeps what it has. */
  completed(completion: AddCompleted): Promise<void> {
    return this.completions.load(completion);
  }

  /**
   * Upserts of one kind asked for before the loop's next check phase, stored together: in
   * (project, event) order, as few statements as `maxRows` and `maxStatementBytes` allow, one
   * after another; each `load` settles once its statement has.
   */
  private batched<T>(upsert: Upsert<T>): DataLoader<T, void> {
    const order = (a: T, b: T) => {
      const [x, y] = [upsert.key(a), upsert.key(b)];
      return compare(x.projectId, y.projectId) || compare(x.eventId, y.eventId);
    };
    return new DataLoader<T, void>(
      async (rows) => {
        const outcome = new Map<T, Error | undefined>();
        for (const statement of statements([...rows].sort(order), upsert.parameters)) {
          const sql = `${upsert.head} ${tuples(statement.rows.length, upsert.row)} ${upsert.tail}`;
          const failed = await this.run(sql, statement.parameters).then(
            () => undefined,
            (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
          );
          for (const row of statement.rows) outcome.set(row, failed);
        }
        return rows.map((row) => outcome.get(row));
      },
      { cache: false, maxBatchSize: maxRows, batchScheduleFn: (run) => setImmediate(run) },
    );
  }

  /**
   * One multi-row upsert. Batches of the three kinds may touch the same rows at once, so a
   * deadlock victim runs again (its rows are in key order, which makes that rare).
   */
  private async run(sql: string, parameters: unknown[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.dataSource.query(sql, parameters);
        return;
      } catch (err) {
        if (attempt >= deadlockAttempts || (err as { code?: string }).code !== 'ER_LOCK_DEADLOCK')
          throw err;
      }
    }
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

/** One kind of upsert: `head` VALUES rows `tail`, each row's placeholders and parameters. */
interface Upsert<T> {
  head: string;
  row: string;
  tail: string;
  key: (row: T) => { projectId: string; eventId: string };
  parameters: (row: T) => unknown[];
}

const final = `status IN ('PENDING', 'RUNNING')`;
const deadlockAttempts = 3;
/** Rows of one batch at most; more wait for the next. */
const maxRows = 64;
/**
 * Parameter bytes of one statement at most (a row above it goes alone): an add's payload may
 * take 400 KB, and a statement must stay below the server's `max_allowed_packet` (16 MB by
 * default on MariaDB, 64 MB on MySQL 8).
 */
const maxStatementBytes = 4 * 1024 * 1024;

/** The rows cut into consecutive statements of at most `maxStatementBytes` of parameters. */
function statements<T>(
  rows: T[],
  parametersOf: (row: T) => unknown[],
): { rows: T[]; parameters: unknown[] }[] {
  const cut: { rows: T[]; parameters: unknown[] }[] = [];
  let bytes = Infinity;
  for (const row of rows) {
    const parameters = parametersOf(row);
    const size = parameters.reduce<number>((sum, value) => sum + byteSize(value), 0);
    if (bytes + size > maxStatementBytes) {
      cut.push({ rows: [], parameters: [] });
      bytes = 0;
    }
    cut.at(-1)!.rows.push(row);
    cut.at(-1)!.parameters.push(...parameters);
    bytes += size;
  }
  return cut;
}

function byteSize(value: unknown): number {
  return typeof value === 'string' ? Buffer.byteLength(value) : 16;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `count` copies of a row's placeholders, comma-separated. */
function tuples(count: number, tuple: string): string {
  return Array.from({ length: count }, () => tuple).join(', ');
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
