import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runService } from '@mnemo/service-kit';
import { AppModule } from './app.module';
import { structuredDataConfigSchema } from './config/structured-data.config';

void runService({
  service: 'structured-data',
  configSchema: structuredDataConfigSchema,
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
