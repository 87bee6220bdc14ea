import { baseConfigSchema } from '@mnemo/config';
import { runService } from '@mnemo/service-kit';
import { AppModule } from './app.module';

void runService({
  service: 'webhook-dispatcher',
  configSchema: baseConfigSchema,
  module: () => AppModule,
});
