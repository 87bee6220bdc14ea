import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JsonObject, ProfileStatus } from '@mnemo/contracts';

/** A generated profile (named apart from the business `user_profiles` table of channel B). */
@Entity({ name: 'user_profile_documents' })
export class UserProfileDocumentEntity {
  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @PrimaryColumn({ name: 'entity_type', type: 'varchar', length: 16 })
  entityType!: 'user';

  @PrimaryColumn({ name: 'entity_id', type: 'varchar', length: 255 })
  entityId!: string;

  @Column({ type: 'json' })
  profile!: JsonObject;

  @Column({ type: 'varchar', length: 24 })
  status!: ProfileStatus;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'generation_count', type: 'int', default: 0 })
  generationCount!: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** when the profile was last generated; null until the first generation */
  @Column({ name: 'updated_at', type: 'datetime', precision: 3, nullable: true })
  updatedAt!: Date | null;
}
