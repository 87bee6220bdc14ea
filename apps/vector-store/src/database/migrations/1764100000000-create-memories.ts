import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Keys lead with project_id so a distributed MySQL engine partitions by tenant. */
export class CreateMemories1764100000000 implements MigrationInterface {
  name = 'CreateMemories1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS memories (
      project_id VARCHAR(64) NOT NULL,
      id CHAR(36) NOT NULL,
      memory TEXT NOT NULL,
      hash CHAR(32) NOT NULL,
      metadata JSON NULL,
      categories JSON NULL,
      user_id VARCHAR(255) COLLATE utf8mb4_bin NULL,
      agent_id VARCHAR(255) COLLATE utf8mb4_bin NULL,
      app_id VARCHAR(255) COLLATE utf8mb4_bin NULL,
      run_id VARCHAR(255) COLLATE utf8mb4_bin NULL,
      scope_key CHAR(32) NOT NULL,
      actor_id VARCHAR(255) NULL,
      role VARCHAR(64) NULL,
      embedding MEDIUMBLOB NOT NULL,
      embedding_model VARCHAR(128) NOT NULL,
      expiration_date DATE NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (project_id, id),
      KEY memories_user (project_id, user_id),
      KEY memories_agent (project_id, agent_id),
      KEY memories_app (project_id, app_id),
      KEY memories_run (project_id, run_id),
      UNIQUE KEY memories_scope_hash (project_id, scope_key, hash)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await runner.query(`CREATE TABLE IF NOT EXISTS memory_history (
      project_id VARCHAR(64) NOT NULL,
      id CHAR(36) NOT NULL,
      memory_id CHAR(36) NOT NULL,
      old_memory TEXT NULL,
      new_memory TEXT NULL,
      event VARCHAR(8) NOT NULL,
      actor_id VARCHAR(255) NULL,
      role VARCHAR(64) NULL,
      is_deleted TINYINT(1) NOT NULL DEFAULT 0,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (project_id, id),
      KEY memory_history_memory (project_id, memory_id, created_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await runner.query(`CREATE TABLE IF NOT EXISTS applied_writes (
      project_id VARCHAR(64) NOT NULL,
      event_id VARCHAR(64) NOT NULL,
      results JSON NOT NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (project_id, event_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS applied_writes');
    await runner.query('DROP TABLE IF EXISTS memory_history');
    await runner.query('DROP TABLE IF EXISTS memories');
  }
}
