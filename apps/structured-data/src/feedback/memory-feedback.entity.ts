import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MemoryFeedbackValue } from '@mnemo/contracts';

@Entity({ name: 'memory_feedback' })
export class MemoryFeedbackEntity {
  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ name: 'memory_id', type: 'char', length: 36 })
  memoryId!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  feedback!: MemoryFeedbackValue | null;

  @Column({ name: 'feedback_reason', type: 'text', nullable: true })
  feedbackReason!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
