import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { databaseHealth, runService } from '@mnemo/service-kit';
import { AppModule } from './app.module';
import { extractorConfigSchema } from './config/extractor.config';

void runService({
  service: 'extractor',
  configSchema: extractorConfigSchema,
  module: () => AppModule,
  health: async (app: INestApplicationContext) => ({
    database: await databaseHealth(app.get(DataSource)),
  }),
});
