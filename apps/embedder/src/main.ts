import { runService } from '@mnemo/service-kit';
import { AppModule } from './app.module';
import { embedderConfigSchema } from './config/embedder.config';

void runService({
  service: 'embedder',
  configSchema: embedderConfigSchema,
  module: () => AppModule,
});
