import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MemoryExportStatus } from '@mnemo/contracts';
import { JobLeases, type JobKey } from '../background/job-leases';
import { MemoryExportEntity } from './memory-export.entity';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** All SQL on memory exports; every query is scoped by project. */
@Injectable()
export class MemoryExportsRepository {
  readonly leases: JobLeases<MemoryExportStatus>;

  constructor(private readonly dataSource: DataSource) {
    this.leases = new JobLeases(dataSource, {
      name: 'memory_exports',
      pending: 'PENDING',
      running: 'RUNNING',
    });
  }

  async insert(entity: MemoryExportEntity): Promise<void> {
    // TypeORM's insert typing cannot express an open JSON object.
    await this.dataSource.manager.insert(MemoryExportEntity, entity as never);
  }

  find(key: JobKey): Promise<MemoryExportEntity | null> {
    if (!uuidPattern.test(key.id)) return Promise.resolve(null);
    return this.dataSource.manager.findOne(MemoryExportEntity, {
      where: { projectId: key.projectId, id: key.id },
    });
  }

  /** The project's newest export, or the newest for the given filters. */
  latest(projectId: string, filtersHash?: string): Promise<MemoryExportEntity | null> {
    return this.dataSource.manager.findOne(MemoryExportEntity, {
      where: filtersHash === undefined ? { projectId } : { projectId, filtersHash },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  async complete(key: JobKey, result: unknown, problems: string | null): Promise<void> {
    await this.dataSource.manager.update(
      MemoryExportEntity,
      { projectId: key.projectId, id: key.id },
      {
        status: 'SUCCEEDED',
        result: result as never,
        error: problems,
        leaseUntil: null,
        updatedAt: new Date(),
      },
    );
  }

  async fail(key: JobKey, error: string): Promise<void> {
    await this.dataSource.manager.update(
      MemoryExportEntity,
      { projectId: key.projectId, id: key.id },
      { status: 'FAILED', error, leaseUntil: null, updatedAt: new Date() },
    );
  }
}
