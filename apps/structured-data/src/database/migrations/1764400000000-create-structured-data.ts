import type { MigrationInterface, QueryRunner } from 'typeorm';

const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Exports, feedback and profiles. Keys lead with project_id so data partitions by tenant. */
export class CreateStructuredData1764400000000 implements MigrationInterface {
  name = 'CreateStructuredData1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS memory_exports (
      project_id VARCHAR(64) NOT NULL,
      id CHAR(36) NOT NULL,
      status VARCHAR(16) NOT NULL,
      json_schema JSON NOT NULL,
      filters JSON NOT NULL,
      filters_hash CHAR(64) NOT NULL,
      export_instructions TEXT NULL,
      result JSON NULL,
      error TEXT NULL,
      attempts INT NOT NULL DEFAULT 0,
      lease_until DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (project_id, id),
      KEY memory_exports_filters (project_id, filters_hash, created_at),
      KEY memory_exports_created (project_id, created_at),
      KEY memory_exports_due (status, lease_until)
    ) ${table}`);
    await runner.query(`CREATE TABLE IF NOT EXISTS memory_feedback (
      project_id VARCHAR(64) NOT NULL,
      id CHAR(36) NOT NULL,
      memory_id CHAR(36) NOT NULL,
      feedback VARCHAR(16) NULL,
      feedback_reason TEXT NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (project_id, id),
      KEY memory_feedback_memory (project_id, memory_id, created_at)
    ) ${table}`);
    await runner.query(`CREATE TABLE IF NOT EXISTS user_profile_documents (
      project_id VARCHAR(64) NOT NULL,
      entity_type VARCHAR(16) NOT NULL,
      entity_id VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
      profile JSON NOT NULL,
      status VARCHAR(24) NOT NULL,
      error TEXT NULL,
      generation_count INT NOT NULL DEFAULT 0,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NULL,
      PRIMARY KEY (project_id, entity_type, entity_id)
    ) ${table}`);
    await runner.query(`CREATE TABLE IF NOT EXISTS profile_jobs (
      project_id VARCHAR(64) NOT NULL,
      id CHAR(36) NOT NULL,
      idempotency_key VARCHAR(255) NULL,
      request_hash CHAR(64) NOT NULL,
      operation VARCHAR(16) NOT NULL,
      entity_type VARCHAR(16) NOT NULL,
      entity_ids JSON NOT NULL,
      status VARCHAR(16) NOT NULL,
      total INT NULL,
      enumeration_complete TINYINT(1) NOT NULL DEFAULT 0,
      completed INT NOT NULL DEFAULT 0,
      succeeded INT NOT NULL DEFAULT 0,
      failed INT NOT NULL DEFAULT 0,
      skipped INT NOT NULL DEFAULT 0,
      event_id CHAR(36) NOT NULL,
      error TEXT NULL,
      attempts INT NOT NULL DEFAULT 0,
      lease_until DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (project_id, id),
      UNIQUE KEY profile_jobs_idempotency (project_id, idempotency_key),
      KEY profile_jobs_due (status, lease_until)
    ) ${table}`);
    await runner.query(`CREATE TABLE IF NOT EXISTS profile_settings (
      project_id VARCHAR(64) NOT NULL,
      enabled TINYINT(1) NOT NULL DEFAULT 1,
      user_schema JSON NULL,
      user_custom_instructions TEXT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (project_id)
    ) ${table}`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const name of [
      'profile_settings',
      'profile_jobs',
      'user_profile_documents',
      'memory_feedback',
      'memory_exports',
    ]) {
      await runner.query(`DROP TABLE IF EXISTS ${name}`);
    }
  }
}
