import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The records behind `GET /v1/event/{id}/`. Earlier releases kept this table in the extractor;
 * an existing one is adopted as it is (IF NOT EXISTS), so no event is lost on upgrade.
 */
export class CreateAddEvents1796500000000 implements MigrationInterface {
  name = 'CreateAddEvents1796500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS add_events (
      project_id VARCHAR(64) NOT NULL,
      id VARCHAR(64) NOT NULL,
      event_type VARCHAR(16) NOT NULL,
      status VARCHAR(16) NOT NULL,
      payload JSON NULL,
      metadata JSON NULL,
      results JSON NULL,
      error JSON NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      started_at DATETIME(3) NULL,
      completed_at DATETIME(3) NULL,
      latency_ms INT NULL,
      PRIMARY KEY (project_id, id),
      KEY add_events_recent (project_id, created_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS add_events');
  }
}
