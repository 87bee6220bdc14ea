import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AddEventStatus, AddResult, ErrorBody } from '@mnemo/contracts';

@Entity({ name: 'add_events' })
export class AddEventEntity {
  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 16 })
  eventType!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: AddEventStatus;

  @Column({ type: 'json', nullable: true })
  payload!: Record<string, unknown> | null;

  @Column({ type: 'json', nullable: true })
  metadata!: Record<string, unknown> | null;

  @Column({ type: 'json', nullable: true })
  results!: AddResult[] | null;

  @Column({ type: 'json', nullable: true })
  error!: ErrorBody | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  @Column({ name: 'started_at', type: 'datetime', precision: 3, nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'latency_ms', type: 'int', nullable: true })
  latencyMs!: number | null;
}
