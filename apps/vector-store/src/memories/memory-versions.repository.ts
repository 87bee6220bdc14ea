import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface ProjectVersion {
  /** 0 when the project was never written since the table exists */
  version: number;
  /** the database's CURRENT_DATE, which decides what has expired */
  today: string;
}

/** The per-project write version that tells a search index whether it is still current. */
@Injectable()
export class MemoryVersionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inside a write transaction: the row lock holds later writers until this one commits. */
  async bump(manager: EntityManager, projectId: string): Promise<number> {
    const updated = await manager.query<{ affectedRows?: number }>(
      'UPDATE memory_versions SET version = version + 1 WHERE project_id = ?',
      [projectId],
    );
    // Only a project's first write inserts; the usual path locks one existing row, no gap.
    if (!updated.affectedRows) {
      await manager.query(
        'INSERT INTO memory_versions (project_id, version) VALUES (?, 1) ON DUPLICATE KEY UPDATE version = version + 1',
        [projectId],
      );
    }
    const rows = await manager.query<{ version: string | number }[]>(
      'SELECT version FROM memory_versions WHERE project_id = ?',
      [projectId],
    );
    return Number(rows[0].version);
  }

  /** One primary-key lookup per search. */
  async current(projectId: string): Promise<ProjectVersion> {
    const rows = await this.dataSource.query<{ version: string | number | null; today: string }[]>(
      `SELECT CAST(CURRENT_DATE AS CHAR) AS today,
        (SELECT version FROM memory_versions WHERE project_id = ?) AS version`,
      [projectId],
    );
    return { version: Number(rows[0].version ?? 0), today: rows[0].today };
  }
}
