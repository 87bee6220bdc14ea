import { Module } from '@nestjs/common';
import { SsrfModule } from '../ssrf/ssrf.module';
import { WebhookSubscriptionsNatsHandler } from './webhook-subscriptions.nats.handler';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';
import { WebhooksRepository } from './webhooks.repository';

/** Webhook subscriptions: storage, rules and the NATS surface the gateway calls. */
@Module({
  imports: [SsrfModule],
  providers: [WebhooksRepository, WebhookSubscriptionsService, WebhookSubscriptionsNatsHandler],
  exports: [WebhooksRepository],
})
export class SubscriptionsModule {}
