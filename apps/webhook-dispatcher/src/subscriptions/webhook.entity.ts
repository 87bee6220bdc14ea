import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WebhookEventType } from '@mnemo/contracts';

@Entity({ name: 'webhooks' })
export class WebhookEntity {
  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ name: 'event_types', type: 'json' })
  eventTypes!: WebhookEventType[];

  @Column({ name: 'is_active', type: 'boolean' })
  isActive!: boolean;

  /** signs deliveries; shown to the caller only when the webhook is created */
  @Column({ type: 'varchar', length: 128 })
  secret!: string;

  /** still accepted by receivers until the grace period after a rotation ends */
  @Column({ name: 'previous_secret', type: 'varchar', length: 128, nullable: true })
  previousSecret!: string | null;

  @Column({ name: 'rotated_at', type: 'datetime', precision: 3, nullable: true })
  rotatedAt!: Date | null;

  @Column({ type: 'varchar', length: 255 })
  owner!: string;

  /** failed attempts since the last success; reaching the limit disables the webhook */
  @Column({ name: 'consecutive_failures', type: 'int', default: 0 })
  consecutiveFailures!: number;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 255, nullable: true })
  disabledReason!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
