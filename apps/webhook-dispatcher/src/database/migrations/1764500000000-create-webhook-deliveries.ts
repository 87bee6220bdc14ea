import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per (event, webhook): the id is derived from both, so a redelivered event adds none. */
export class CreateWebhookDeliveries1764500000000 implements MigrationInterface {
  name = 'CreateWebhookDeliveries1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS webhook_deliveries (
      id CHAR(36) NOT NULL,
      project_id VARCHAR(64) NOT NULL,
      webhook_id CHAR(36) NOT NULL,
      event_id VARCHAR(64) NOT NULL,
      event_type VARCHAR(32) NOT NULL,
      body MEDIUMTEXT NOT NULL,
      status VARCHAR(16) NOT NULL,
      attempts INT NOT NULL DEFAULT 0,
      next_attempt_at DATETIME(3) NOT NULL,
      last_status_code INT NULL,
      last_latency_ms INT NULL,
      last_error VARCHAR(1024) NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      KEY webhook_deliveries_due (status, next_attempt_at),
      KEY webhook_deliveries_log (project_id, webhook_id, created_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await runner.query(`ALTER TABLE webhooks
      ADD COLUMN IF NOT EXISTS consecutive_failures INT NOT NULL DEFAULT 0,
      ADD COLUMN IF NOT EXISTS disabled_reason VARCHAR(255) NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS webhook_deliveries');
    await runner.query(
      'ALTER TABLE webhooks DROP COLUMN consecutive_failures, DROP COLUMN disabled_reason',
    );
  }
}
