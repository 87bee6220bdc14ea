import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'memory_history' })
export class MemoryHistoryEntity {
  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ name: 'memory_id', type: 'char', length: 36 })
  memoryId!: string;

  @Column({ name: 'old_memory', type: 'text', nullable: true })
  oldMemory!: string | null;

  @Column({ name: 'new_memory', type: 'text', nullable: true })
  newMemory!: string | null;

  @Column({ type: 'varchar', length: 8 })
  event!: 'ADD' | 'UPDATE' | 'DELETE';

  @Column({ name: 'actor_id', type: 'varchar', length: 255, nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  role!: string | null;

  @Column({ name: 'is_deleted', type: 'boolean' })
  isDeleted!: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
