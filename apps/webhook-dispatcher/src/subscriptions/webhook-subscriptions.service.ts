import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  type createWebhookContract,
  type ParsedRequestOf,
  type ResponseInputOf,
  type updateWebhookContract,
  type Webhook,
} from '@mnemo/contracts';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { WebhookDispatcherConfig } from '../config/webhook-dispatcher.config';
import { newWebhookSecret } from './webhook-secret';
import { WebhookEntity } from './webhook.entity';
import { toWebhook } from './webhook.mapper';
import { WebhooksRepository } from './webhooks.repository';

type CreateRequest = ParsedRequestOf<typeof createWebhookContract>;
type UpdateRequest = ParsedRequestOf<typeof updateWebhookContract>;

/** Webhook subscriptions of a project: create (with a secret shown once), list, change, remove. */
@Injectable()
export class WebhookSubscriptionsService {
  private readonly perProject: number;

  constructor(
    private readonly repository: WebhooksRepository,
    @Inject(APP_CONFIG) config: WebhookDispatcherConfig,
  ) {
    this.perProject = config.MNEMO_WEBHOOKS_PER_PROJECT;
  }

  async create(request: CreateRequest): Promise<ResponseInputOf<typeof createWebhookContract>> {
    if ((await this.repository.count(request.projectId)) >= this.perProject) {
      throw new DomainError(
        'validation_failed',
        `A project may have at most ${this.perProject} webhooks.`,
      );
    }
    const now = new Date();
    const entity = Object.assign(new WebhookEntity(), {
      projectId: request.projectId,
      id: randomUUID(),
      name: request.name,
      url: request.url,
      eventTypes: [...new Set(request.eventTypes)],
      isActive: request.isActive,
      secret: newWebhookSecret(),
      previousSecret: null,
      rotatedAt: null,
      owner: request.owner,
      createdAt: now,
      updatedAt: now,
    });
    await this.repository.insert(entity);
    return { webhook: toWebhook(entity), secret: entity.secret };
  }

  async list(projectId: string): Promise<Webhook[]> {
    return (await this.repository.list(projectId)).map(toWebhook);
  }

  async update(request: UpdateRequest): Promise<Webhook> {
    const entity = await this.repository.find(request.projectId, request.webhookId);
    if (!entity) throw new DomainError('not_found', 'Webhook not found');
    if (request.name !== undefined) entity.name = request.name;
    if (request.url !== undefined) entity.url = request.url;
    if (request.eventTypes !== undefined) entity.eventTypes = [...new Set(request.eventTypes)];
    if (request.isActive !== undefined) entity.isActive = request.isActive;
    entity.updatedAt = new Date();
    await this.repository.save(entity);
    return toWebhook(entity);
  }

  delete(projectId: string, webhookId: string): Promise<boolean> {
    return this.repository.delete(projectId, webhookId);
  }
}
