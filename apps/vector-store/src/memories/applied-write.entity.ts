import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AddResult } from '@mnemo/contracts';

/** Remembers each applied write command, so a redelivered one is answered, not applied twice. */
@Entity({ name: 'applied_writes' })
export class AppliedWriteEntity {
  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 64 })
  eventId!: string;

  @Column({ type: 'json' })
  results!: AddResult[];

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
