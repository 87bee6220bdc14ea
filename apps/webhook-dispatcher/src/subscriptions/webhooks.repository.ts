import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
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

  /** The webhooks of several projects in one query, each project's in `list`'s order. */
  async listForProjects(projectIds: string[]): Promise<Map<string, WebhookEntity[]>> {
    const byProject = new Map<string, WebhookEntity[]>(projectIds.map((id) => [id, []]));
    if (projectIds.length === 0) return byProject;
    const rows = await this.dataSource.manager.find(WebhookEntity, {
      where: { projectId: In(projectIds) },
      order: { projectId: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
    for (const row of rows) byProject.get(row.projectId)?.push(row);
    return byProject;
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

  /** A failed attempt; returns true when this one reached the limit and disabled the webhook. */
  async recordFailure(
    projectId: string,
    id: string,
    limit: number,
    reason: string,
  ): Promise<boolean> {
    await this.dataSource.query(
      'UPDATE webhooks SET consecutive_failures = consecutive_failures + 1 WHERE project_id = ? AND id = ?',
      [projectId, id],
    );
    const result = await this.dataSource.query<{ affectedRows?: number }>(
      `UPDATE webhooks SET is_active = 0, disabled_reason = ?, updated_at = ?
       WHERE project_id = ? AND id = ? AND is_active = 1 AND consecutive_failures >= ?`,
      [reason.slice(0, 255), new Date(), projectId, id, limit],
    );
    return (result.affectedRows ?? 0) > 0;
  }

  async recordSuccess(projectId: string, id: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE webhooks SET consecutive_failures = 0 WHERE project_id = ? AND id = ? AND consecutive_failures <> 0',
      [projectId, id],
    );
  }

  async disable(projectId: string, id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE webhooks SET is_active = 0, disabled_reason = ?, updated_at = ? WHERE project_id = ? AND id = ?',
      [reason.slice(0, 255), new Date(), projectId, id],
    );
  }
}
