import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AddResult } from '@mnemo/contracts';
import { AppliedWriteEntity } from './applied-write.entity';
import { MemoryHistoryEntity } from './memory-history.entity';
import { MemoryEntity } from './memory.entity';
import { fromRow, type MemoryRow, type StoredMemory } from './memory.row';

export interface CandidateQuery {
  projectId: string;
  where: { sql: string; params: unknown[] };
  showExpired: boolean;
  limit: number;
}

/** All SQL on memories, their history and the applied-write log; always scoped by project. */
@Injectable()
export class MemoriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', work);
  }

  findById(projectId: string, id: string, manager?: EntityManager): Promise<MemoryEntity | null> {
    return (manager ?? this.dataSource.manager).findOne(MemoryEntity, { where: { projectId, id } });
  }

  async findAppliedWrite(projectId: string, eventId: string): Promise<AddResult[] | undefined> {
    const row = await this.dataSource.manager.findOne(AppliedWriteEntity, {
      where: { projectId, eventId },
    });
    return row?.results;
  }

  /** Candidate rows for scoring: the scoped, filtered set, vectors included. */
  async findCandidates(query: CandidateQuery): Promise<StoredMemory[]> {
    const expiry = query.showExpired
      ? ''
      : 'AND (m.expiration_date IS NULL OR m.expiration_date >= CURRENT_DATE)';
    const rows = await this.dataSource.query<MemoryRow[]>(
      `SELECT m.* FROM memories m WHERE m.project_id = ? AND (${query.where.sql}) ${expiry} LIMIT ?`,
      [query.projectId, ...query.where.params, query.limit],
    );
    return rows.map(fromRow);
  }

  history(projectId: string, memoryId: string): Promise<MemoryHistoryEntity[]> {
    return this.dataSource.manager.find(MemoryHistoryEntity, {
      where: { projectId, memoryId },
      order: { createdAt: 'ASC', updatedAt: 'ASC' },
    });
  }
}
