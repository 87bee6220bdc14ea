import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JsonObject, MemoryExportStatus } from '@mnemo/contracts';

@Entity({ name: 'memory_exports' })
export class MemoryExportEntity {
  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: MemoryExportStatus;

  @Column({ name: 'json_schema', type: 'json' })
  schema!: JsonObject;

  @Column({ type: 'json' })
  filters!: JsonObject;

  /** sha-256 of the filters in canonical JSON: finds the latest export for the same filters */
  @Column({ name: 'filters_hash', type: 'char', length: 64 })
  filtersHash!: string;

  @Column({ name: 'export_instructions', type: 'text', nullable: true })
  exportInstructions!: string | null;

  @Column({ type: 'json', nullable: true })
  result!: unknown;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'lease_until', type: 'datetime', precision: 3, nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
