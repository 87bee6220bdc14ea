import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type FindOptionsSelect } from 'typeorm';
import type { AddResult } from '@mnemo/contracts';
import { AppliedWriteEntity } from './applied-write.entity';
import { MemoryHistoryEntity } from './memory-history.entity';
import { MemoryEntity } from './memory.entity';

export interface HistoryRecord {
  projectId: string;
  memoryId: string;
  oldMemory: string | null;
  newMemory: string | null;
  event: 'ADD' | 'UPDATE' | 'DELETE';
  at: Date;
  actorId?: string | null;
  role?: string | null;
}

export interface MemoryKey {
  projectId: string;
  id: string;
}

export interface MemoryUpdate extends MemoryKey {
  changes: Partial<MemoryEntity>;
}

export interface TextKey {
  projectId: string;
  scopeKey: string;
  hash: string;
}

export interface AppliedWrite {
  projectId: string;
  eventId: string;
  results: AddResult[];
}

/** What one write transaction changes, in the order it must reach SQL. */
export interface MemoryWrites {
  deletes: MemoryKey[];
  updates: MemoryUpdate[];
  inserts: MemoryEntity[];
  history: HistoryRecord[];
  applied: AppliedWrite[];
}

// Rows per statement: a memory row carries its vector (6 KB at 1536 dimensions) and its text.
const chunk = 200;

/** Every write to memories, their history and the applied-write log: the vector-store's one path. */
@Injectable()
export class MemoryWritesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', work);
  }

  /** The stored results of write commands already applied, by `appliedKey`. */
  async appliedResults(
    keys: { projectId: string; eventId: string }[],
  ): Promise<Map<string, AddResult[]>> {
    const found = new Map<string, AddResult[]>();
    for (const [projectId, eventIds] of groupBy(
      keys,
      (key) => key.projectId,
      (key) => key.eventId,
    )) {
      const rows = await this.dataSource.manager.find(AppliedWriteEntity, {
        where: { projectId, eventId: In(eventIds) },
      });
      for (const row of rows) found.set(appliedKey(row.projectId, row.eventId), row.results);
    }
    return found;
  }

  /** Locks the rows a transaction will change; deletes need no vector, so it can stay unread. */
  lockRows(
    manager: EntityManager,
    projectId: string,
    ids: string[],
    withEmbedding: boolean,
  ): Promise<MemoryEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const select = Object.fromEntries(
      manager.connection
        .getMetadata(MemoryEntity)
        .columns.map((column) => [
          column.propertyName,
          withEmbedding || column.propertyName !== 'embedding',
        ]),
    ) as FindOptionsSelect<MemoryEntity>;
    return manager.find(MemoryEntity, {
      select,
      where: { projectId, id: In(ids) },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Which memory holds each text in its scope (the unique key), unlocked. */
  async textHolders(
    manager: EntityManager,
    keys: TextKey[],
  ): Promise<(TextKey & { id: string })[]> {
    const holders: (TextKey & { id: string })[] = [];
    for (let start = 0; start < keys.length; start += chunk) {
      const part = keys.slice(start, start + chunk);
      const rows = await manager.query<
        { project_id: string; scope_key: string; hash: string; id: string }[]
      >(
        `SELECT project_id, scope_key, hash, id FROM memories WHERE ${part
          .map(() => '(project_id = ? AND scope_key = ? AND hash = ?)')
          .join(' OR ')}`,
        part.flatMap((key) => [key.projectId, key.scopeKey, key.hash]),
      );
      holders.push(
        ...rows.map((row) => ({
          projectId: row.project_id,
          scopeKey: row.scope_key,
          hash: row.hash,
          id: row.id,
        })),
      );
    }
    return holders;
  }

  /** Deletes first and inserts last, so a text freed earlier in the batch can be taken again. */
  async write(manager: EntityManager, writes: MemoryWrites): Promise<void> {
    for (const [projectId, ids] of groupBy(
      writes.deletes,
      (key) => key.projectId,
      (key) => key.id,
    )) {
      await manager.delete(MemoryEntity, { projectId, id: In(ids) });
    }
    for (const update of writes.updates) {
      await manager.update(
        MemoryEntity,
        { projectId: update.projectId, id: update.id },
        update.changes as never,
      );
    }
    // TypeORM's insert typing cannot express an open JSON object.
    await insertChunked(manager, MemoryEntity, writes.inserts as never[]);
    await insertChunked(manager, MemoryHistoryEntity, writes.history.map(historyRow) as never[]);
    await insertChunked(
      manager,
      AppliedWriteEntity,
      writes.applied.map((applied) => ({ ...applied, createdAt: new Date() })) as never[],
    );
  }

  /** Mem0's reset: a project's history and applied-write log go too. */
  async forgetHistory(projectId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(MemoryHistoryEntity, { projectId });
      await manager.delete(AppliedWriteEntity, { projectId });
    });
  }
}

export const appliedKey = (projectId: string, eventId: string) => `${projectId}\u0000${eventId}`;

async function insertChunked(
  manager: EntityManager,
  entity: typeof MemoryEntity | typeof MemoryHistoryEntity | typeof AppliedWriteEntity,
  rows: never[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunk) {
    await manager.insert(entity, rows.slice(start, start + chunk));
  }
}

function historyRow(record: HistoryRecord) {
  return {
    projectId: record.projectId,
    id: randomUUID(),
    memoryId: record.memoryId,
    oldMemory: record.oldMemory,
    newMemory: record.newMemory,
    event: record.event,
    actorId: record.actorId ?? null,
    role: record.role ?? null,
    isDeleted: record.event === 'DELETE',
    createdAt: record.at,
    updatedAt: record.at,
  };
}

function groupBy<T>(
  items: T[],
  keyOf: (item: T) => string,
  valueOf: (item: T) => string,
): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(valueOf(item));
    else groups.set(key, [valueOf(item)]);
  }
  return groups;
}
