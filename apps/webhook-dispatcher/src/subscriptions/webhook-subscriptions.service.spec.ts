import { DomainError } from '@mnemo/contracts';
import type { WebhookDispatcherConfig } from '../config/webhook-dispatcher.config';
import { TargetGuard } from '../ssrf/target-guard';
import { webhookSecretPrefix } from './webhook-secret';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';
import type { WebhookEntity } from './webhook.entity';
import type { WebhooksRepository } from './webhooks.repository';

class MemoryWebhooks {
  rows: WebhookEntity[] = [];
  list = (projectId: string) => Promise.resolve(this.rows.filter((r) => r.projectId === projectId));
  count = async (projectId: string) => (await this.list(projectId)).length;
  find = (projectId: string, id: string) =>
    Promise.resolve(this.rows.find((r) => r.projectId === projectId && r.id === id) ?? null);
  insert = (row: WebhookEntity) => Promise.resolve(void this.rows.push({ ...row }));
  save = (row: WebhookEntity) => {
    this.rows = this.rows.map((r) => (r.projectId === row.projectId && r.id === row.id ? row : r));
    return Promise.resolve();
  };
  delete = (projectId: string, id: string) => {
    const before = this.rows.length;
    this.rows = this.rows.filter((r) => !(r.projectId === projectId && r.id === id));
    return Promise.resolve(this.rows.length < before);
  };
}

const publicDns = (host: string) =>
  Promise.resolve(host === 'example.com' ? [{ address: '93.184.216.34', family: 4 }] : []);

function setup(perProject = 100, guard = new TargetGuard(false, publicDns)) {
  const repository = new MemoryWebhooks();
  const config = { MNEMO_WEBHOOKS_PER_PROJECT: perProject } as WebhookDispatcherConfig;
  const service = new WebhookSubscriptionsService(
    repository as unknown as WebhooksRepository,
    config,
    guard,
  );
  return { repository, service };
}

const request = {
  projectId: 'p1',
  name: 'orders',
  url: 'https://example.com/hook',
  eventTypes: ['memory_add', 'memory_add', 'memory_delete'] as const,
  isActive: true,
  owner: 'owner@example.com',
};

describe(WebhookSubscriptionsService.name, () => {
  it('creates a webhook with deduplicated events and a secret returned only then', async () => {
    const { repository, service } = setup();
    const created = await service.create({ ...request, eventTypes: [...request.eventTypes] });
    expect(created.webhook).toMatchObject({
      projectId: 'p1',
      name: 'orders',
      eventTypes: ['memory_add', 'memory_delete'],
      isActive: true,
      owner: 'owner@example.com',
    });
    expect(created.secret.startsWith(webhookSecretPrefix)).toBe(true);
    expect(Buffer.from(created.secret.slice(webhookSecretPrefix.length), 'base64')).toHaveLength(
      32,
    );
    expect(repository.rows[0]).toMatchObject({ secret: created.secret, previousSecret: null });
    expect(JSON.stringify(await service.list('p1'))).not.toContain(created.secret);
  });

  it("never shows, changes or deletes another project's webhook", async () => {
    const { service } = setup();
    const { webhook } = await service.create({ ...request, eventTypes: ['memory_add'] });
    expect(await service.list('p2')).toEqual([]);
    await expect(
      service.update({ projectId: 'p2', webhookId: webhook.id, name: 'x' }),
    ).rejects.toEqual(new DomainError('not_found', 'Webhook not found'));
    expect(await service.delete('p2', webhook.id)).toBe(false);
    expect(await service.delete('p1', webhook.id)).toBe(true);
  });

  it('changes only the fields given', async () => {
    const { service } = setup();
    const { webhook } = await service.create({ ...request, eventTypes: ['memory_add'] });
    const updated = await service.update({
      projectId: 'p1',
      webhookId: webhook.id,
      isActive: false,
    });
    expect(updated).toMatchObject({ name: 'orders', url: request.url, isActive: false });
  });

  it('refuses more webhooks than a project may have', async () => {
    const { service } = setup(1);
    await service.create({ ...request, eventTypes: ['memory_add'] });
    await expect(service.create({ ...request, eventTypes: ['memory_add'] })).rejects.toEqual(
      new DomainError('validation_failed', 'A project may have at most 1 webhooks.'),
    );
  });

  it('refuses a target inside the network at create and update, as a url field error', async () => {
    const { service, repository } = setup();
    const message = 'This URL points to a private or reserved address.';
    const refused = new DomainError('validation_failed', message, false, {
      fields: { url: [message] },
    });
    await expect(
      service.create({
        ...request,
        url: 'http://169.254.169.254/latest',
        eventTypes: ['memory_add'],
      }),
    ).rejects.toEqual(refused);
    expect(repository.rows).toEqual([]);
    const { webhook } = await service.create({ ...request, eventTypes: ['memory_add'] });
    await expect(
      service.update({ projectId: 'p1', webhookId: webhook.id, url: 'http://127.0.0.1:9/x' }),
    ).rejects.toEqual(refused);
    expect(repository.rows[0].url).toBe(request.url);
  });

  it('lets private targets through when allowed', async () => {
    const { service } = setup(100, new TargetGuard(true));
    const created = await service.create({
      ...request,
      url: 'http://127.0.0.1:9/x',
      eventTypes: ['memory_add'],
    });
    expect(created.webhook.url).toBe('http://127.0.0.1:9/x');
  });

  it('rotates the secret, keeping the old one as the previous secret', async () => {
    const { service, repository } = setup();
    const created = await service.create({ ...request, eventTypes: ['memory_add'] });
    const rotated = await service.rotateSecret('p1', created.webhook.id);
    expect(rotated.secret).not.toBe(created.secret);
    expect(repository.rows[0]).toMatchObject({
      secret: rotated.secret,
      previousSecret: created.secret,
      rotatedAt: expect.any(Date),
    });
    await expect(service.rotateSecret('p2', created.webhook.id)).rejects.toEqual(
      new DomainError('not_found', 'Webhook not found'),
    );
  });
});
