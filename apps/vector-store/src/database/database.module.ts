import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openDatabase } from '@mnemo/persistence';
import { APP_CONFIG, ServiceRuntime } from '@mnemo/service-kit';
import type { VectorStoreConfig } from '../config/vector-store.config';
import { AppliedWriteEntity } from '../memories/applied-write.entity';
import { MemoryHistoryEntity } from '../memories/memory-history.entity';
import { MemoryEntity } from '../memories/memory.entity';
import { CreateMemories1764100000000 } from './migrations/1764100000000-create-memories';

@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG, ServiceRuntime],
      useFactory: (config: VectorStoreConfig, runtime: ServiceRuntime) =>
        openDatabase({
          url: config.MNEMO_MYSQL_URL,
          poolSize: config.MNEMO_MYSQL_POOL_SIZE,
          entities: [MemoryEntity, MemoryHistoryEntity, AppliedWriteEntity],
          migrations: [CreateMemories1764100000000],
          migrationsTableName: 'vector_store_migrations',
          logger: runtime.logger,
        }),
    },
  ],
  exports: [DataSource],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
