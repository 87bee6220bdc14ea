import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox of memory events. Unlike the memory tables it is one queue for every
 * project (the relay drains it across tenants), so its keys lead with the relay's access path.
 */
export class CreateMemoryOutbox1764500000000 implements MigrationInterface {
  name = 'CreateMemoryOutbox1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS memory_outbox (
      id CHAR(36) NOT NULL,
      seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      project_id VARCHAR(64) NOT NULL,
      subject VARCHAR(512) NOT NULL,
      payload JSON NOT NULL,
      created_at DATETIME(3) NOT NULL,
      sent_at DATETIME(3) NULL,
      attempts INT NOT NULL DEFAULT 0,
      last_error VARCHAR(1024) NULL,
      PRIMARY KEY (id),
      UNIQUE KEY memory_outbox_seq (seq),
      KEY memory_outbox_pending (sent_at, seq)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS memory_outbox');
  }
}
