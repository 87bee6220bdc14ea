import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { busReplyBudgetBytes, withinReplyBudget } from '@mnemo/contracts';
import { MemoryHistoryEntity } from './memory-history.entity';
import { MemoryEntity } from './memory.entity';
import { fromRow, type MemoryRow, type StoredMemory } from './memory.row';

export interface CandidateQuery {
  projectId: string;
  where: { sql: string; params: unknown[] };
  showExpired: boolean;
  limit: number;
}

/** The reads of memories and their history; always scoped by project. Writes: MemoryWritesRepository. */
@Injectable()
export class MemoriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(projectId: string, id: string, manager?: EntityManager): Promise<MemoryEntity | null> {
    return (manager ?? this.dataSource.manager).findOne(MemoryEntity, { where: { projectId, id } });
  }

  /** Candidate rows for scoring, vectors included: at most `limit + 1`, so a caller sees overflow. */
  async findCandidates(query: CandidateQuery): Promise<StoredMemory[]> {
    const rows = await this.dataSource.query<MemoryRow[]>(
      `SELECT m.* FROM memories m WHERE m.project_id = ? AND (${query.where.sql}) ${expiryClause(query.showExpired)} LIMIT ?`,
      [query.projectId, ...query.where.params, query.limit + 1],
    );
    return rows.map(fromRow);
  }

  /** Ids of the matching memories, no vectors: at most `limit + 1`, so a caller sees overflow. */
  async candidateIds(query: CandidateQuery): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT m.id FROM memories m WHERE m.project_id = ? AND (${query.where.sql}) ${expiryClause(query.showExpired)} LIMIT ?`,
      [query.projectId, ...query.where.params, query.limit + 1],
    );
    return rows.map((row) => row.id);
  }

  /** A page of memories, newest first, and the total matching count. */
  async list(
    query: CandidateQuery & { offset: number },
  ): Promise<{ rows: StoredMemory[]; total: number }> {
    const where = `m.project_id = ? AND (${query.where.sql}) ${expiryClause(query.showExpired)}`;
    const params = [query.projectId, ...query.where.params];
    const [rows, counts] = await Promise.all([
      this.dataSource.query<MemoryRow[]>(
        `SELECT m.* FROM memories m WHERE ${where} ORDER BY m.created_at DESC, m.id LIMIT ? OFFSET ?`,
        [...params, query.limit, query.offset],
      ),
      this.dataSource.query<{ total: number | string }[]>(
        `SELECT COUNT(*) AS total FROM memories m WHERE ${where}`,
        params,
      ),
    ]);
    // Cut to the bus reply budget; the client asks again from where this page stopped.
    const page = withinReplyBudget(rows.map(fromRow), busReplyBudgetBytes, (row) => row.record);
    return { rows: page, total: Number(counts[0]?.total ?? 0) };
  }

  /** Ids matching a filter (expired ones included), for bulk deletes. */
  async idsMatching(
    projectId: string,
    where: { sql: string; params: unknown[] },
    limit: number,
  ): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT m.id FROM memories m WHERE m.project_id = ? AND (${where.sql}) LIMIT ?`,
      [projectId, ...where.params, limit],
    );
    return rows.map((row) => row.id);
  }

  async entities(projectId: string): Promise<EntityRow[]> {
    const parts = (['user', 'agent', 'app', 'run'] as const).map(
      (
        type,
      ) => `SELECT '${type}' AS type, ${type}_id AS id, COUNT(*) AS total, MIN(created_at) AS created_at,
        MAX(updated_at) AS updated_at FROM memories WHERE project_id = ? AND ${type}_id IS NOT NULL GROUP BY ${type}_id`,
    );
    return this.dataSource.query<EntityRow[]>(parts.join(' UNION ALL '), [
      projectId,
      projectId,
      projectId,
      projectId,
    ]);
  }

  history(projectId: string, memoryId: string): Promise<MemoryHistoryEntity[]> {
    return this.dataSource.manager.find(MemoryHistoryEntity, {
      where: { projectId, memoryId },
      order: { createdAt: 'ASC', updatedAt: 'ASC' },
    });
  }
}

export interface EntityRow {
  type: 'user' | 'agent' | 'app' | 'run';
  id: string;
  total: number | string;
  created_at: Date;
  updated_at: Date;
}

function expiryClause(showExpired: boolean): string {
  return showExpired ? '' : 'AND (m.expiration_date IS NULL OR m.expiration_date >= CURRENT_DATE)';
}
