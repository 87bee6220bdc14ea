import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runService } from '@mnemo/service-kit';
import { AppModule } from './app.module';
import { webhookDispatcherConfigSchema } from './config/webhook-dispatcher.config';

void runService({
  service: 'webhook-dispatcher',
  configSchema: webhookDispatcherConfigSchema,
  module: () => AppModule,
  health: async (app: INestApplicationContext) => {
    const database = await app
      .get(DataSource)
      .query('SELECT 1')
      .then(
        () => 'up',
        () => 'down',
      );
    return { database };
  },
});
