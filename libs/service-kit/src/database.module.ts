import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { z } from 'zod';
import { databaseConfigSchema } from '@mnemo/config';
import type { Logger } from '@mnemo/observability';
import { openDatabase } from '@mnemo/persistence';
import { APP_CONFIG, LOGGER } from './runtime';
import { traceQueries } from './sql-tracing';

export interface ServiceDatabaseOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** each service keeps its own migrations table */
  migrationsTableName: string;
}

type DatabaseConfig = z.output<typeof databaseConfigSchema>;

/** The service's own tables: pool opened and migrations run at start, pool closed at shutdown. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(options: ServiceDatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          inject: [APP_CONFIG, LOGGER],
          useFactory: async (config: DatabaseConfig, logger: Logger) => {
            const dataSource = await openDatabase({
              url: config.MNEMO_MYSQL_URL,
              poolSize: config.MNEMO_MYSQL_POOL_SIZE,
              logger,
              ...options,
            });
            traceQueries(dataSource);
            return dataSource;
          },
        },
      ],
      exports: [DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Health detail for services with a database. */
export async function databaseHealth(dataSource: DataSource): Promise<'up' | 'down'> {
  return dataSource.query('SELECT 1').then(
    () => 'up' as const,
    () => 'down' as const,
  );
}
