import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProfileSettingsEntity } from './profile-settings.entity';

/** What a project sets for its profiles. */
export type StoredProfileSettings = Pick<
  ProfileSettingsEntity,
  'enabled' | 'userSchema' | 'userCustomInstructions'
>;

/** All SQL on profile settings: one row per project, created on its first change. */
@Injectable()
export class ProfileSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(projectId: string): Promise<ProfileSettingsEntity | null> {
    return this.dataSource.manager.findOne(ProfileSettingsEntity, { where: { projectId } });
  }

  /** Writes the project's settings, creating its row the first time. */
  async save(projectId: string, settings: StoredProfileSettings, now = new Date()): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO profile_settings
        (project_id, enabled, user_schema, user_custom_instructions, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON DUPLICATE KEY UPDATE enabled = VALUES(enabled), user_schema = VALUES(user_schema),
        user_custom_instructions = VALUES(user_custom_instructions), updated_at = VALUES(updated_at)`,
      [
        projectId,
        settings.enabled,
        settings.userSchema === null ? null : JSON.stringify(settings.userSchema),
        settings.userCustomInstructions,
        now,
        now,
      ],
    );
  }
}
