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
import { TargetGuard, TargetRefusedError } from '../ssrf/target-guard';
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
    private readonly guard: TargetGuard,
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
    await this.checkTarget(request.url);
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
      consecutiveFailures: 0,
      disabledReason: null,
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
    if (request.url !== undefined) {
      await this.checkTarget(request.url);
      entity.url = request.url;
    }
    if (request.eventTypes !== undefined) entity.eventTypes = [...new Set(request.eventTypes)];
    if (request.isActive !== undefined) entity.isActive = request.isActive;
    // Switching it back on starts a fresh run of failures.
    if (request.isActive === true) {
      entity.disabledReason = null;
      entity.consecutiveFailures = 0;
    }
    entity.updatedAt = new Date();
    await this.repository.save(entity);
    return toWebhook(entity);
  }

  /** The previous secret keeps signing (beside the new one) for the rotation grace period. */
  async rotateSecret(
    projectId: string,
    webhookId: string,
  ): Promise<{ webhook: Webhook; secret: string }> {
    const entity = await this.repository.find(projectId, webhookId);
    if (!entity) throw new DomainError('not_found', 'Webhook not found');
    const now = new Date();
    Object.assign(entity, {
      previousSecret: entity.secret,
      secret: newWebhookSecret(),
      rotatedAt: now,
      updatedAt: now,
    });
    await this.repository.save(entity);
    return { webhook: toWebhook(entity), secret: entity.secret };
  }

  /** Refused targets answer as a field error on `url`. */
  private async checkTarget(url: string): Promise<void> {
    try {
      await this.guard.check(url);
    } catch (err) {
      if (!(err instanceof TargetRefusedError)) throw err;
      const message = 'This URL points to a private or reserved address.';
      throw new DomainError('validation_failed', message, false, { fields: { url: [message] } });
    }
  }

  delete(projectId: string, webhookId: string): Promise<boolean> {
    return this.repository.delete(projectId, webhookId);
  }
}
