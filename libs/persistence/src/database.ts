import { createConnection, type Connection } from 'mysql2/promise';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { Logger } from '@mnemo/observability';

export interface DatabaseOptions {
  url: string;
  poolSize: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** each service keeps its own migrations table */
  migrationsTableName: string;
  logger: Logger;
  connectTimeoutMs?: number;
}

/** Opens the pool, creating the database when missing, and runs this service's migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  await ensureDatabase(options.url, options.logger, options.connectTimeoutMs ?? 30000);
  const dataSource = new DataSource({
    type: 'mysql',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: options.migrationsTableName,
    poolSize: options.poolSize,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
  });
  await dataSource.initialize();
  await runMigrationsLocked(dataSource, options.migrationsTableName, options.logger);
  return dataSource;
}

/** Two instances starting together: one migrates, the other waits on the named lock. */
export async function runMigrationsLocked(
  dataSource: DataSource,
  lockName: string,
  logger: Logger,
): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const rows = (await runner.query('SELECT GET_LOCK(?, 120) AS locked', [
      `mnemo:${lockName}`,
    ])) as {
      locked: number;
    }[];
    if (Number(rows[0]?.locked) !== 1)
      throw new Error(`could not take the migration lock ${lockName}`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0)
      logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  } finally {
    await runner.query('SELECT RELEASE_LOCK(?)', [`mnemo:${lockName}`]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * A service account has grants on its own tables only: it sees its database but may not run
 * CREATE DATABASE, even with IF NOT EXISTS, so it creates the database only when it is missing.
 */
async function createDatabaseIfMissing(connection: Connection, database: string): Promise<void> {
  const [rows] = await connection.query(
    'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
    [database],
  );
  if ((rows as unknown[]).length > 0) return;
  await connection.query(
    `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
}

async function ensureDatabase(url: string, logger: Logger, timeoutMs: number): Promise<void> {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_$]+$/.test(database))
    throw new Error(`invalid database name in MNEMO_MYSQL_URL: ${database}`);
  parsed.pathname = '/';
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      const connection = await createConnection({ uri: parsed.toString() });
      try {
        await createDatabaseIfMissing(connection, database);
      } finally {
        await connection.end();
      }
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      logger.warn({ attempt, err: (err as Error).message }, 'database not reachable yet; retrying');
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 200 * attempt)));
    }
  }
}
