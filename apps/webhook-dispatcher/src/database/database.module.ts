import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openDatabase } from '@mnemo/persistence';
import { APP_CONFIG, ServiceRuntime } from '@mnemo/service-kit';
import type { WebhookDispatcherConfig } from '../config/webhook-dispatcher.config';
import { WebhookEntity } from '../subscriptions/webhook.entity';
import { CreateWebhooks1764400000000 } from './migrations/1764400000000-create-webhooks';
import { CreateWebhookDeliveries1764500000000 } from './migrations/1764500000000-create-webhook-deliveries';

@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG, ServiceRuntime],
      useFactory: (config: WebhookDispatcherConfig, runtime: ServiceRuntime) =>
        openDatabase({
          url: config.MNEMO_MYSQL_URL,
          poolSize: config.MNEMO_MYSQL_POOL_SIZE,
          entities: [WebhookEntity],
          migrations: [CreateWebhooks1764400000000, CreateWebhookDeliveries1764500000000],
          migrationsTableName: 'webhook_dispatcher_migrations',
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
