import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  createWebhookContract,
  deleteWebhookContract,
  listWebhooksContract,
  rotateWebhookSecretContract,
  updateWebhookContract,
} from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { ServiceIdentity } from '@mnemo/service-kit';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';

/** Subscription management over NATS request-reply (queue group per service). */
@Injectable()
export class WebhookSubscriptionsNatsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: NatsBus,
    private readonly identity: ServiceIdentity,
    private readonly subscriptions: WebhookSubscriptionsService,
  ) {}

  onApplicationBootstrap(): void {
    const queue = this.identity.service;
    this.bus.respond(createWebhookContract, (request) => this.subscriptions.create(request), queue);
    this.bus.respond(
      listWebhooksContract,
      async ({ projectId }) => ({ webhooks: await this.subscriptions.list(projectId) }),
      queue,
    );
    this.bus.respond(
      updateWebhookContract,
      async (request) => ({ webhook: await this.subscriptions.update(request) }),
      queue,
    );
    this.bus.respond(
      rotateWebhookSecretContract,
      ({ projectId, webhookId }) => this.subscriptions.rotateSecret(projectId, webhookId),
      queue,
    );
    this.bus.respond(
      deleteWebhookContract,
      async ({ projectId, webhookId }) => ({
        deleted: await this.subscriptions.delete(projectId, webhookId),
      }),
      queue,
    );
  }
}
