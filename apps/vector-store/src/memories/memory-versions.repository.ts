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
  private readonly reads = new Map<string, SharedRead>();

  constructor(private readonly dataSource: DataSource) {}

  /** Inside a write transaction: the row lock holds later writers until this one commits. */
  async bump(manager: EntityManager, projectId: string): Promise<number> {
    // LAST_INSERT_ID(expr) hands the new version back in the statement's answer (its insert id),
    // so the usual path is one statement that locks one existing row, no gap and no read after.
    const updated = await manager.query<{ affectedRows?: number; insertId?: number }>(
      'UPDATE memory_versions SET version = LAST_INSERT_ID(version + 1) WHERE project_id = ?',
      [projectId],
    );
    if (updated.affectedRows && updated.insertId) return Number(updated.insertId);
    // Only a project's first write inserts.
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

  /**
   * The project's version as of a read that began after this call: concurrent searches of a
   * project share reads. While one read is running, callers wait for the next, which starts when
   * it ends and answers all of them; so a search still sees every write that returned before it
   * began, with one primary-key lookup per round trip instead of one per search.
   */
  current(projectId: string): Promise<ProjectVersion> {
    const reading = this.reads.get(projectId);
    if (!reading) return this.startRead(projectId);
    reading.next ??= reading.running.then(noop, noop).then(() => this.startRead(projectId));
    return reading.next;
  }

  private startRead(projectId: string): Promise<ProjectVersion> {
    const reading: SharedRead = { running: this.read(projectId) };
    this.reads.set(projectId, reading);
    void reading.running.then(noop, noop).then(() => {
      if (this.reads.get(projectId) === reading && !reading.next) this.reads.delete(projectId);
    });
    return reading.running;
  }

  private async read(projectId: string): Promise<ProjectVersion> {
    const rows = await this.dataSource.query<{ version: string | number | null; today: string }[]>(
      `SELECT CAST(CURRENT_DATE AS CHAR) AS today,
        (SELECT version FROM memory_versions WHERE project_id = ?) AS version`,
      [projectId],
    );
    return { version: Number(rows[0].version ?? 0), today: rows[0].today };
  }
}

// The read a project's searches share, and the one its later callers wait for.
interface SharedRead {
  running: Promise<ProjectVersion>;
  next?: Promise<ProjectVersion>;
}

function noop(): void {}
