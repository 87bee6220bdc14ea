import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JsonObject } from '@mnemo/contracts';

@Entity({ name: 'profile_settings' })
export class ProfileSettingsEntity {
  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  /** a JSON Schema the user profiles follow; free-form when null */
  @Column({ name: 'user_schema', type: 'json', nullable: true })
  userSchema!: JsonObject | null;

  @Column({ name: 'user_custom_instructions', type: 'text', nullable: true })
  userCustomInstructions!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
