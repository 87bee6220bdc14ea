import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  DomainError,
  listWebhookDeliveriesContract,
  redeliverWebhookContract,
} from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { ServiceIdentity } from '@mnemo/service-kit';
import { WebhooksRepository } from '../subscriptions/webhooks.repository';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryWorker } from './delivery.worker';

/** The delivery log and redelivery over NATS request-reply, scoped by project. */
@Injectable()
export class DeliveriesNatsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: NatsBus,
    private readonly identity: ServiceIdentity,
    private readonly deliveries: DeliveriesRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly worker: DeliveryWorker,
  ) {}

  onApplicationBootstrap(): void {
    const queue = this.identity.service;
    this.bus.respond(
      listWebhookDeliveriesContract,
      async ({ projectId, webhookId, limit }) => {
        if (!(await this.webhooks.find(projectId, webhookId))) {
          throw new DomainError('not_found', 'Webhook not found');
        }
        return { deliveries: await this.deliveries.list(projectId, webhookId, limit) };
      },
      queue,
    );
    this.bus.respond(
      redeliverWebhookContract,
      async ({ projectId, deliveryId }) => {
        const delivery = await this.deliveries.redeliver(projectId, deliveryId, new Date());
        if (!delivery) throw new DomainError('not_found', 'Delivery not found');
        this.worker.wake();
        return { delivery };
      },
      queue,
    );
  }
}
