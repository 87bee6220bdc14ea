import { runService } from '@mnemo/service-kit';
import { AppModule } from './app.module';
import { extractorConfigSchema } from './config/extractor.config';

void runService({
  service: 'extractor',
  configSchema: extractorConfigSchema,
  module: () => AppModule,
});
