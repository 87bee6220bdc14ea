import { Column, Entity, PrimaryColumn } from 'typeorm';
import { float32Transformer } from '@mnemo/persistence';

@Entity({ name: 'memories' })
export class MemoryEntity {
  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'text' })
  memory!: string;

  @Column({ type: 'char', length: 32 })
  hash!: string;

  @Column({ type: 'json', nullable: true })
  metadata!: Record<string, unknown> | null;

  @Column({ type: 'json', nullable: true })
  categories!: string[] | null;

  @Column({ name: 'user_id', type: 'varchar', length: 255, nullable: true })
  userId!: string | null;

  @Column({ name: 'agent_id', type: 'varchar', length: 255, nullable: true })
  agentId!: string | null;

  @Column({ name: 'app_id', type: 'varchar', length: 255, nullable: true })
  appId!: string | null;

  @Column({ name: 'run_id', type: 'varchar', length: 255, nullable: true })
  runId!: string | null;

  /** md5 of the four ids: with the hash, one memory text per scope */
  @Column({ name: 'scope_key', type: 'char', length: 32 })
  scopeKey!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 255, nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  role!: string | null;

  @Column({ type: 'mediumblob', transformer: float32Transformer })
  embedding!: Float32Array;

  @Column({ name: 'embedding_model', type: 'varchar', length: 128 })
  embeddingModel!: string;

  @Column({ name: 'expiration_date', type: 'date', nullable: true })
  expirationDate!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
