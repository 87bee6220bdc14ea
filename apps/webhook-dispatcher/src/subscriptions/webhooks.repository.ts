import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WebhookEntity } from './webhook.entity';

/** All SQL on webhook subscriptions; every query is scoped by project. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(projectId: string): Promise<WebhookEntity[]> {
    return this.dataSource.manager.find(WebhookEntity, {
      where: { projectId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  count(projectId: string): Promise<number> {
    return this.dataSource.manager.count(WebhookEntity, { where: { projectId } });
  }

  find(projectId: string, id: string): Promise<WebhookEntity | null> {
    return this.dataSource.manager.findOne(WebhookEntity, { where: { projectId, id } });
  }

  async insert(webhook: WebhookEntity): Promise<void> {
    await this.dataSource.manager.insert(WebhookEntity, webhook);
  }

  async save(webhook: WebhookEntity): Promise<void> {
    await this.dataSource.manager.save(WebhookEntity, webhook);
  }

  async delete(projectId: string, id: string): Promise<boolean> {
    const result = await this.dataSource.manager.delete(WebhookEntity, { projectId, id });
    return (result.affected ?? 0) > 0;
  }
}
