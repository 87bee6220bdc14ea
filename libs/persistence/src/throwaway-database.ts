import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { createLogger } from '@mnemo/observability';
import { openDatabase, type DatabaseOptions } from './database';

export interface ThrowawayDatabase {
  dataSource: DataSource;
  /** closes the pool and drops the database */
  drop(): Promise<void>;
}

/**
 * A database of its own on the server of `MNEMO_MYSQL_URL` (the test stack's MariaDB) with a
 * service's tables, every migration run; `drop()` removes it. For integration specs.
 */
export async function openThrowawayDatabase(
  prefix: string,
  tables: Pick<DatabaseOptions, 'entities' | 'migrations' | 'migrationsTableName'>,
): Promise<ThrowawayDatabase> {
  const serverUrl = process.env.MNEMO_MYSQL_URL;
  if (!serverUrl) throw new Error('MNEMO_MYSQL_URL is not set: start the stack and export it');
  const database = `${prefix}_${process.pid}_${Date.now()}`;
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const logger = createLogger({ service: 'spec', instanceId: 'spec', level: 'silent' });
  const dataSource = await openDatabase({ url: url.toString(), poolSize: 4, ...tables, logger });
  url.pathname = '/';
  return {
    dataSource,
    async drop() {
      await dataSource.destroy();
      const admin = await createConnection({ uri: url.toString() });
      await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await admin.end();
    },
  };
}
