import { Injectable } from '@nestjs/common';
import {
  createWebhookContract,
  deleteWebhookContract,
  listWebhookDeliveriesContract,
  listWebhooksContract,
  redeliverWebhookContract,
  rotateWebhookSecretContract,
  updateWebhookContract,
  type RequestOf,
  type ResponseOf,
  type Webhook,
  type WebhookDelivery,
} from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';

/** The webhook dispatcher's subscriptions over NATS: every call is scoped by project. */
@Injectable()
export class WebhooksClient {
  constructor(private readonly bus: NatsBus) {}

  /** The new subscription and its signing secret (shown this once). */
  create(
    request: RequestOf<typeof createWebhookContract>,
  ): Promise<ResponseOf<typeof createWebhookContract>> {
    return this.bus.request(createWebhookContract, request);
  }

  async list(projectId: string): Promise<Webhook[]> {
    return (await this.bus.request(listWebhooksContract, { projectId })).webhooks;
  }

  /** Throws `not_found` when the webhook is not the project's. */
  async update(patch: RequestOf<typeof updateWebhookContract>): Promise<Webhook> {
    return (await this.bus.request(updateWebhookContract, patch)).webhook;
  }

  /** A new signing secret (shown this once); the old one keeps signing for a grace period. */
  rotateSecret(
    projectId: string,
    webhookId: string,
  ): Promise<ResponseOf<typeof rotateWebhookSecretContract>> {
    return this.bus.request(rotateWebhookSecretContract, { projectId, webhookId });
  }

  async delete(projectId: string, webhookId: string): Promise<boolean> {
    return (await this.bus.request(deleteWebhookContract, { projectId, webhookId })).deleted;
  }

  /** Latest first; throws `not_found` when the webhook is not the project's. */
  async listDeliveries(projectId: string, webhookId: string): Promise<WebhookDelivery[]> {
    return (await this.bus.request(listWebhookDeliveriesContract, { projectId, webhookId }))
      .deliveries;
  }

  /** Sends a delivery again from its first attempt; throws `not_found` for another project's. */
  async redeliver(projectId: string, deliveryId: string): Promise<WebhookDelivery> {
    return (await this.bus.request(redeliverWebhookContract, { projectId, deliveryId })).delivery;
  }
}
