import { baseConfigSchema } from '@mnemo/config';
import { runService } from '@mnemo/service-kit';
import { AppModule } from './app.module';

void runService({
  service: 'structured-data',
  configSchema: baseConfigSchema,
  module: () => AppModule,
});
