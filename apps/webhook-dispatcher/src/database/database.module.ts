import { DatabaseModule as ServiceDatabaseModule } from '@mnemo/service-kit';
import { WebhookEntity } from '../subscriptions/webhook.entity';
import { CreateWebhooks1764400000000 } from './migrations/1764400000000-create-webhooks';
import { CreateWebhookDeliveries1764500000000 } from './migrations/1764500000000-create-webhook-deliveries';

export const DatabaseModule = ServiceDatabaseModule.forRoot({
  entities: [WebhookEntity],
  migrations: [CreateWebhooks1764400000000, CreateWebhookDeliveries1764500000000],
  migrationsTableName: 'webhook_dispatcher_migrations',
});
