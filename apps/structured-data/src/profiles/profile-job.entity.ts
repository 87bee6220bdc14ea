import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProfileJobStatus } from '@mnemo/contracts';

@Entity({ name: 'profile_jobs' })
export class ProfileJobEntity {
  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true })
  idempotencyKey!: string | null;

  /** sha-256 of the request, so a reused key with another request is refused */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  @Column({ type: 'varchar', length: 16 })
  operation!: 'trigger' | 'sample';

  @Column({ name: 'entity_type', type: 'varchar', length: 16 })
  entityType!: 'user';

  @Column({ name: 'entity_ids', type: 'json' })
  entityIds!: string[];

  @Column({ type: 'varchar', length: 16 })
  status!: ProfileJobStatus;

  @Column({ type: 'int', nullable: true })
  total!: number | null;

  @Column({ name: 'enumeration_complete', type: 'boolean' })
  enumerationComplete!: boolean;

  @Column({ type: 'int' })
  completed!: number;

  @Column({ type: 'int' })
  succeeded!: number;

  @Column({ type: 'int' })
  failed!: number;

  @Column({ type: 'int' })
  skipped!: number;

  @Column({ name: 'event_id', type: 'char', length: 36 })
  eventId!: string;

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
