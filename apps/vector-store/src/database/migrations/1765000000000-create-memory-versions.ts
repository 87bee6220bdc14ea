import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One version per project, bumped in every memory write transaction: the row lock orders a
 * project's writes, so a search index that read version N holds every write up to N.
 */
export class CreateMemoryVersions1765000000000 implements MigrationInterface {
  name = 'CreateMemoryVersions1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS memory_versions (
      project_id VARCHAR(64) NOT NULL,
      version BIGINT UNSIGNED NOT NULL,
      PRIMARY KEY (project_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS memory_versions');
  }
}
