import { freePort } from '@mnemo/devstack';
import { iso, unknownId, uuid } from './support/platform-expectations';
import { mem0ClientSuite } from './support/mem0-client-suite';

const defaultProject = 'default';

type Json = Record<string, unknown>;

describe('Platform webhooks and feedback', () => {
  const platform = mem0ClientSuite();
  const { call, remember, rememberAsAdmin } = platform;

  describe('webhooks', () => {
    const hooks = `/api/v1/webhooks/projects/${defaultProject}/`;

    it('creates a webhook (secret shown once), lists, updates and deletes it', async () => {
      const created = await call('POST', hooks, {
        name: 'orders',
        url: 'https://hooks.example.com/mem0',
        event_types: ['memory_add', 'memory_delete'],
      });
      expect(created).toMatchObject({ status: 201 });
      expect(created.body).toEqual({
        webhook_id: uuid,
        name: 'orders',
        url: 'https://hooks.example.com/mem0',
        event_types: ['memory_add', 'memory_delete'],
        owner: expect.any(String),
        is_active: true,
        project: defaultProject,
        created_at: iso,
        updated_at: iso,
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      });
      const id = created.body.webhook_id as string;
      const listed = await call('GET', hooks);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual([withoutSecret(created.body as Json)]);
      expect(
        await call('PUT', `/api/v1/webhooks/${id}/`, { is_active: false, name: 'renamed' }),
      ).toMatchObject({ status: 200, body: { message: 'Webhook updated successfully' } });
      expect((await call('GET', hooks)).body).toEqual([
        expect.objectContaining({ webhook_id: id, name: 'renamed', is_active: false }),
      ]);
      expect(await call('DELETE', `/api/v1/webhooks/${id}/`)).toMatchObject({
        status: 200,
        body: { message: 'Webhook deleted successfully' },
      });
      expect((await call('GET', hooks)).body).toEqual([]);
      expect(await call('DELETE', `/api/v1/webhooks/${id}/`)).toMatchObject({
        status: 404,
        body: { detail: 'Webhook not found' },
      });
    });

    it('answers field errors the way the Platform serializers do', async () => {
      expect(await call('POST', hooks, {})).toEqual(
        expect.objectContaining({
          status: 400,
          body: {
            name: ['This field is required.'],
            url: ['This field is required.'],
            event_types: ['This field is required.'],
            detail:
              'name: This field is required.; url: This field is required.; event_types: This field is required.',
          },
        }),
      );
      const bad = await call('POST', hooks, {
        name: 'x',
        url: 'not-a-url',
        event_types: ['memory_add', 'memory_search'],
      });
      expect(bad).toMatchObject({
        status: 400,
        body: {
          url: ['Enter a valid URL.'],
          event_types: ['"memory_search" is not a valid choice.'],
        },
      });
      expect(await call('PUT', `/api/v1/webhooks/${unknownId}/`, { url: 'ftp://x' })).toMatchObject(
        { status: 400, body: { url: ['Enter a valid URL.'] } },
      );
    });

    it("keeps each project's webhooks to itself", async () => {
      const { other } = platform;
      const theirs = await call(
        'POST',
        `/api/v1/webhooks/projects/${other.project_id}/`,
        { name: 'b-hook', url: 'http://127.0.0.1:9/in', event_types: ['memory_update'] },
        other.api_key,
      );
      expect(theirs.status).toBe(201);
      const id = theirs.body.webhook_id as string;
      const denied = { status: 403, body: { detail: "You don't have access to this project" } };
      expect(await call('GET', `/api/v1/webhooks/projects/${other.project_id}/`)).toMatchObject(
        denied,
      );
      expect(
        await call('POST', `/api/v1/webhooks/projects/${other.project_id}/`, {
          name: 'x',
          url: 'https://x.io',
          event_types: ['memory_add'],
        }),
      ).toMatchObject(denied);
      const notFound = { status: 404, body: { detail: 'Webhook not found' } };
      expect(await call('PUT', `/api/v1/webhooks/${id}/`, { name: 'stolen' })).toMatchObject(
        notFound,
      );
      expect(await call('DELETE', `/api/v1/webhooks/${id}/`)).toMatchObject(notFound);
      const theirList = await call(
        'GET',
        `/api/v1/webhooks/projects/${other.project_id}/`,
        undefined,
        other.api_key,
      );
      expect(theirList.body).toEqual([expect.objectContaining({ webhook_id: id, name: 'b-hook' })]);
    });
  });

  describe('feedback', () => {
    it('records feedback on a memory of the project only', async () => {
      const { other } = platform;
      const [id] = await rememberAsAdmin('feedbacker', 'Prefers window seats');
      const given = await call('POST', '/v1/feedback/', {
        memory_id: id,
        feedback: 'negative',
        feedback_reason: 'outdated',
      });
      expect(given).toEqual(
        expect.objectContaining({
          status: 200,
          body: { id: uuid, feedback: 'NEGATIVE', feedback_reason: 'outdated' },
        }),
      );
      expect((await call('POST', '/v1/feedback/', { memory_id: id })).body).toEqual({
        id: uuid,
        feedback: null,
        feedback_reason: null,
      });
      const invalid = await call('POST', '/v1/feedback/', { memory_id: id, feedback: 'MEH' });
      expect(invalid).toMatchObject({
        status: 400,
        body: {
          detail: 'feedback: feedback must be one of POSITIVE, NEGATIVE, VERY_NEGATIVE or null',
        },
      });
      const notFound = { status: 404, body: { detail: 'Memory not found' } };
      expect(await call('POST', '/v1/feedback/', { memory_id: unknownId })).toMatchObject(notFound);
      expect(
        await call('POST', '/v1/feedback/', { memory_id: id, feedback: 'POSITIVE' }, other.api_key),
      ).toMatchObject(notFound);
    });
  });

  describe('through the mem0ai MemoryClient', () => {
    it('creates, lists, updates and deletes webhooks', async () => {
      const { client, mem0, project } = platform;
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/hook`;
      const created = await client.createWebhook({
        name: 'client-hook',
        url,
        eventTypes: [mem0.WebhookEvent.MEMORY_ADDED, mem0.WebhookEvent.MEMORY_DELETED],
      });
      expect(created).toMatchObject({
        webhookId: uuid,
        name: 'client-hook',
        url,
        eventTypes: ['memory_add', 'memory_delete'],
        isActive: true,
        project: project.project_id,
      });
      const webhookId = created.webhookId!;
      expect(await client.getWebhooks()).toEqual([expect.objectContaining({ webhookId, url })]);
      expect(
        await client.updateWebhook({
          webhookId,
          name: 'client-hook-2',
          url: `${url}/v2`,
          eventTypes: [mem0.WebhookEvent.MEMORY_UPDATED],
        }),
      ).toEqual({ message: 'Webhook updated successfully' });
      expect(await client.getWebhooks({ projectId: project.project_id })).toEqual([
        expect.objectContaining({
          webhookId,
          name: 'client-hook-2',
          url: `${url}/v2`,
          eventTypes: ['memory_update'],
        }),
      ]);
      expect(await client.deleteWebhook({ webhookId })).toEqual({
        message: 'Webhook deleted successfully',
      });
      expect(await client.getWebhooks()).toEqual([]);
      await expect(client.deleteWebhook({ webhookId })).rejects.toBeInstanceOf(
        mem0.MemoryNotFoundError,
      );
    });

    it('records feedback on a memory', async () => {
      const { client, mem0 } = platform;
      const [id] = await remember('feedbacker', 'Prefers aisle seats');
      const given = await client.feedback({
        memoryId: id,
        feedback: mem0.Feedback.NEGATIVE,
        feedbackReason: 'outdated',
      });
      expect(given).toEqual({ id: uuid, feedback: 'NEGATIVE', feedbackReason: 'outdated' });
      expect(await client.feedback({ memoryId: id })).toEqual({
        id: uuid,
        feedback: null,
        feedbackReason: null,
      });
      await expect(client.feedback({ memoryId: unknownId })).rejects.toBeInstanceOf(
        mem0.MemoryNotFoundError,
      );
    });
  });
});

function withoutSecret(webhook: Json): Json {
  const copy = { ...webhook };
  delete copy.secret;
  return copy;
}
