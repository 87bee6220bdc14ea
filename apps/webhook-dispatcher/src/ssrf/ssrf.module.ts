import { Module } from '@nestjs/common';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { WebhookDispatcherConfig } from '../config/webhook-dispatcher.config';
import { TargetGuard } from './target-guard';

/** The one guard both subscription changes and sends check targets with. */
@Module({
  providers: [
    {
      provide: TargetGuard,
      inject: [APP_CONFIG],
      useFactory: (config: WebhookDispatcherConfig) =>
        new TargetGuard(config.MNEMO_WEBHOOK_ALLOW_PRIVATE),
    },
  ],
  exports: [TargetGuard],
})
export class SsrfModule {}
