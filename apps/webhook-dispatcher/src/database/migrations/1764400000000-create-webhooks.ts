import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Keys lead with project_id so a distributed MySQL engine partitions by tenant. */
export class CreateWebhooks1764400000000 implements MigrationInterface {
  name = 'CreateWebhooks1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS webhooks (
      project_id VARCHAR(64) NOT NULL,
      id CHAR(36) NOT NULL,
      name VARCHAR(255) NOT NULL,
      url VARCHAR(2048) NOT NULL,
      event_types JSON NOT NULL,
      is_active TINYINT(1) NOT NULL DEFAULT 1,
      secret VARCHAR(128) NOT NULL,
      previous_secret VARCHAR(128) NULL,
      rotated_at DATETIME(3) NULL,
      owner VARCHAR(255) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (project_id, id),
      KEY webhooks_created (project_id, created_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS webhooks');
  }
}
