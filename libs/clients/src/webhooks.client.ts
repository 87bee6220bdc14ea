import { Injectable } from '@nestjs/common';
import {
  createWebhookContract,
  deleteWebhookContract,
  listWebhooksContract,
  updateWebhookContract,
  type RequestOf,
  type ResponseOf,
  type Webhook,
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

  async delete(projectId: string, webhookId: string): Promise<boolean> {
    return (await this.bus.request(deleteWebhookContract, { projectId, webhookId })).deleted;
  }
}
