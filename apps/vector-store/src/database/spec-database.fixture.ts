import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { createLogger } from '@mnemo/observability';
import { openDatabase } from '@mnemo/persistence';
import { vectorStoreDatabase } from './database.module';

export interface SpecDatabase {
  dataSource: DataSource;
  /** closes the pool and drops the database */
  drop(): Promise<void>;
}

/** A throwaway database on the test stack's MariaDB with every vector-store migration run. */
export async function openSpecDatabase(prefix: string): Promise<SpecDatabase> {
  const serverUrl = process.env.MNEMO_MYSQL_URL;
  if (!serverUrl) throw new Error('MNEMO_MYSQL_URL is not set: start the stack and export it');
  const database = `${prefix}_${process.pid}_${Date.now()}`;
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const logger = createLogger({ service: 'vector-store', instanceId: 'spec', level: 'silent' });
  const dataSource = await openDatabase({
    url: url.toString(),
    poolSize: 4,
    ...vectorStoreDatabase,
    logger,
  });
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
