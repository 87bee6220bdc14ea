import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openDatabase } from '@mnemo/persistence';
import { APP_CONFIG, ServiceRuntime } from '@mnemo/service-kit';
import type { StructuredDataConfig } from '../config/structured-data.config';
import { MemoryExportEntity } from '../exports/memory-export.entity';
import { MemoryFeedbackEntity } from '../feedback/memory-feedback.entity';
import { ProfileJobEntity } from '../profiles/profile-job.entity';
import { ProfileSettingsEntity } from '../profiles/profile-settings.entity';
import { UserProfileDocumentEntity } from '../profiles/user-profile-document.entity';
import { CreateStructuredData1764400000000 } from './migrations/1764400000000-create-structured-data';

@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG, ServiceRuntime],
      useFactory: (config: StructuredDataConfig, runtime: ServiceRuntime) =>
        openDatabase({
          url: config.MNEMO_MYSQL_URL,
          poolSize: config.MNEMO_MYSQL_POOL_SIZE,
          entities: [
            MemoryExportEntity,
            MemoryFeedbackEntity,
            UserProfileDocumentEntity,
            ProfileJobEntity,
            ProfileSettingsEntity,
          ],
          migrations: [CreateStructuredData1764400000000],
          migrationsTableName: 'structured_data_migrations',
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
