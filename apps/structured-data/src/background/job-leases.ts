import type { DataSource } from 'typeorm';

/**
 * A table whose rows are background jobs: `status`, `attempts`, `lease_until`, `updated_at`. Each
 * table spells its statuses as its contract does (exports `PENDING`, profile jobs `pending`).
 */
export interface LeasedTable<Status extends string> {
  name: 'memory_exports' | 'profile_jobs';
  pending: Status;
  running: Status;
}

export interface JobKey {
  projectId: string;
  id: string;
}

type Packet = { affectedRows?: number };

/**
 * Claims on background jobs stored in MySQL, so any instance can run a queued job and a job whose
 * instance died is taken over once its lease runs out. A claim is one conditional UPDATE.
 */
export class JobLeases<Status extends string = string> {
  private readonly due: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly table: LeasedTable<Status>,
  ) {
    this.due = `((status = '${table.pending}' AND (lease_until IS NULL OR lease_until <= ?))
      OR (status = '${table.running}' AND lease_until <= ?))`;
  }

  /** Takes the job for `leaseMs`; answers its attempt number, or undefined when not claimable. */
  async claim(key: JobKey, leaseMs: number, now = new Date()): Promise<number | undefined> {
    const result = await this.dataSource.query<Packet>(
      `UPDATE ${this.table.name} SET status = ?, attempts = attempts + 1, lease_until = ?,
        updated_at = ? WHERE project_id = ? AND id = ? AND ${this.due}`,
      [this.table.running, new Date(now.getTime() + leaseMs), now, key.projectId, key.id, now, now],
    );
    if (result.affectedRows !== 1) return undefined;
    const rows = await this.dataSource.query<{ attempts: number }[]>(
      `SELECT attempts FROM ${this.table.name} WHERE project_id = ? AND id = ?`,
      [key.projectId, key.id],
    );
    return Number(rows[0]?.attempts ?? 1);
  }

  /** Jobs queued or abandoned, oldest first. */
  async dueJobs(limit: number, now = new Date()): Promise<JobKey[]> {
    const rows = await this.dataSource.query<{ project_id: string; id: string }[]>(
      `SELECT project_id, id FROM ${this.table.name} WHERE ${this.due} ORDER BY created_at LIMIT ?`,
      [now, now, limit],
    );
    return rows.map((row) => ({ projectId: row.project_id, id: row.id }));
  }

  /** Puts a claimed job back in the queue, to be tried again from `retryAt`. */
  async release(key: JobKey, retryAt: Date, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.table.name} SET status = ?, lease_until = ?, error = ?, updated_at = ?
        WHERE project_id = ? AND id = ?`,
      [this.table.pending, retryAt, error, new Date(), key.projectId, key.id],
    );
  }
}
