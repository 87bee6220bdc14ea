import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MemoryEventPayload } from '@mnemo/contracts';

/**
 * One memory event waiting to be (or already) published. `seq` (auto-increment, set by the
 * database and absent here) orders the relay's reads in commit order per memory.
 */
@Entity({ name: 'memory_outbox' })
export class MemoryOutboxEntity {
  /** the event id, also the `Nats-Msg-Id` */
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @Column({ type: 'varchar', length: 512 })
  subject!: string;

  @Column({ type: 'json' })
  payload!: MemoryEventPayload;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1024, nullable: true })
  lastError!: string | null;
}
