import type { MigrationInterface, QueryRunner } from 'typeorm';

const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Organizations, projects, hashed API keys and project members; keys lead with the ids. */
export class CreateTenancy1764200000000 implements MigrationInterface {
  name = 'CreateTenancy1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS organizations (
      id VARCHAR(64) NOT NULL,
      name VARCHAR(255) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY organizations_name (name)
    ) ${table}`);
    await runner.query(`CREATE TABLE IF NOT EXISTS projects (
      id VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      name VARCHAR(255) NOT NULL,
      description TEXT NULL,
      settings JSON NOT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY projects_org_name (org_id, name)
    ) ${table}`);
    await runner.query(`CREATE TABLE IF NOT EXISTS api_keys (
      id VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      project_id VARCHAR(64) NOT NULL,
      key_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      prefix VARCHAR(16) NOT NULL,
      label VARCHAR(255) NULL,
      user_email VARCHAR(255) NULL,
      created_at DATETIME(3) NOT NULL,
      last_used_at DATETIME(3) NULL,
      revoked_at DATETIME(3) NULL,
      PRIMARY KEY (id),
      UNIQUE KEY api_keys_hash (key_hash),
      KEY api_keys_project (project_id, created_at)
    ) ${table}`);
    await runner.query(`CREATE TABLE IF NOT EXISTS project_members (
      project_id VARCHAR(64) NOT NULL,
      email VARCHAR(255) NOT NULL,
      role VARCHAR(16) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (project_id, email)
    ) ${table}`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS project_members');
    await runner.query('DROP TABLE IF EXISTS api_keys');
    await runner.query('DROP TABLE IF EXISTS projects');
    await runner.query('DROP TABLE IF EXISTS organizations');
  }
}
