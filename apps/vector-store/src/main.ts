import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { databaseHealth, runService } from '@mnemo/service-kit';
import { AppModule } from './app.module';
import { vectorStoreConfigSchema } from './config/vector-store.config';

void runService({
  service: 'vector-store',
  configSchema: vectorStoreConfigSchema,
  module: () => AppModule,
  health: async (app: INestApplicationContext) => ({
    database: await databaseHealth(app.get(DataSource)),
  }),
});
