import { eventually, startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';
import { Receiver, type Behaviour } from './support/webhook-receiver';

const adminKey = 'webhook-delivery-admin-key';
const hooks = '/api/v1/webhooks/projects/default/';

jest.setTimeout(60_000);

describe('webhook delivery to a real receiver', () => {
  let mnemo: MnemoStack;
  let receiver: Receiver;

  const call = (method: string, path: string, body?: unknown) =>
    http(mnemo.baseUrl, method, path, body, { authorization: `Token ${adminKey}` });

  const subscribe = async (path: string, behaviour?: Behaviour) => {
    const created = await call('POST', hooks, {
      name: path,
      url: receiver.url(path),
      event_types: ['memory_add'],
    });
    expect(created.status).toBe(201);
    receiver.expect(path, created.body.secret as string, behaviour);
    return created.body.webhook_id as string;
  };

  const remember = async (content: string) => {
    const answer = await http(
      mnemo.baseUrl,
      'POST',
      '/memories',
      { messages: [{ role: 'user', content }], user_id: 'hooked', infer: false },
      { 'x-api-key': adminKey },
    );
    expect(answer.status).toBe(200);
    return answer.body.results[0].id as string;
  };

  const deliveries = async (webhookId: string) => {
    const answer = await call('GET', `/api/v1/webhooks/${webhookId}/deliveries/`);
    expect(answer.status).toBe(200);
    return answer.body as Record<string, unknown>[];
  };

  beforeAll(async () => {
    receiver = await Receiver.start();
    mnemo = await startMnemo({
      services: ['gateway', 'extractor', 'embedder', 'vector-store', 'webhook-dispatcher'],
      env: {
        MNEMO_ADMIN_API_KEY: adminKey,
        MNEMO_WEBHOOK_ALLOW_PRIVATE: 'true',
        MNEMO_WEBHOOK_RETRY_SCHEDULE_MS: '200,200,200',
        MNEMO_WEBHOOK_TIMEOUT_MS: '2000',
        MNEMO_WEBHOOK_LEASE_MS: '4000',
        MNEMO_WEBHOOK_POLL_MS: '100',
        MNEMO_WEBHOOK_MAX_CONSECUTIVE_FAILURES: '3',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
    await receiver?.stop();
  });

  it('delivers an add exactly once, in the Mem0 shape, with a valid signature', async () => {
    const webhookId = await subscribe('/once');
    const id = await remember('I keep bees on the roof');
    await eventually(() => expect(receiver.at('/once')).toHaveLength(1), { timeoutMs: 15_000 });
    const [first] = receiver.at('/once');
    expect(first).toEqual({
      path: '/once',
      webhookId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      body: { event_details: { id, data: { memory: 'I keep bees on the roof' }, event: 'ADD' } },
      verified: true,
    });
    // A later event arriving proves the first was not sent twice: events are handled in order.
    await remember('I harvest honey in August');
    await eventually(() => expect(receiver.at('/once')).toHaveLength(2), { timeoutMs: 15_000 });
    expect(
      receiver.at('/once').filter((entry) => entry.webhookId === first.webhookId),
    ).toHaveLength(1);
    const log = await eventually(async () => {
      const entries = await deliveries(webhookId);
      expect(entries.map((entry) => entry.status)).toEqual(['succeeded', 'succeeded']);
      return entries;
    });
    expect(log[1]).toMatchObject({
      delivery_id: first.webhookId,
      webhook_id: webhookId,
      event_type: 'memory_add',
      attempts: 1,
      last_status_code: 200,
      last_error: null,
      next_attempt_at: null,
    });
  });

  it('delivers each add of a concurrent burst exactly once (the events fanned out in batches)', async () => {
    await subscribe('/burst');
    const ids = await Promise.all(
      Array.from({ length: 40 }, (_, n) => remember(`Burst note ${n}: likes green tea`)),
    );
    await eventually(() => expect(receiver.at('/burst')).toHaveLength(40), { timeoutMs: 20_000 });
    const received = receiver.at('/burst');
    const memoryIds = received.map(
      (entry) => (entry.body as { event_details: { id: string } }).event_details.id,
    );
    expect(new Set(memoryIds)).toEqual(new Set(ids));
    expect(new Set(received.map((entry) => entry.webhookId)).size).toBe(40);
    expect(received.every((entry) => entry.verified)).toBe(true);
  });

  it('retries a failing receiver with the same webhook-id and succeeds on the third attempt', async () => {
    const webhookId = await subscribe('/flaky', (n) => (n < 2 ? 500 : 200));
    const id = await remember('I ride a red bicycle');
    await eventually(() => expect(receiver.at('/flaky')).toHaveLength(3), { timeoutMs: 15_000 });
    const attempts = receiver.at('/flaky');
    expect(new Set(attempts.map((entry) => entry.webhookId)).size).toBe(1);
    expect(attempts.every((entry) => entry.verified)).toBe(true);
    expect(attempts[2].body).toEqual({
      event_details: { id, data: { memory: 'I ride a red bicycle' }, event: 'ADD' },
    });
    await eventually(async () =>
      expect(await deliveries(webhookId)).toEqual([
        expect.objectContaining({ status: 'succeeded', attempts: 3, last_status_code: 200 }),
      ]),
    );
    expect(receiver.at('/flaky')).toHaveLength(3);
  });

  it('times out a receiver that does not answer and delivers on the retry', async () => {
    const webhookId = await subscribe('/stall', (n) => (n === 0 ? 'hold' : 200));
    await remember('I collect old maps');
    await eventually(() => expect(receiver.at('/stall')).toHaveLength(2), { timeoutMs: 15_000 });
    await eventually(async () =>
      expect(await deliveries(webhookId)).toEqual([
        expect.objectContaining({ status: 'succeeded', attempts: 2, last_status_code: 200 }),
      ]),
    );
    const [first, second] = receiver.at('/stall');
    expect(second.webhookId).toBe(first.webhookId);
  });

  it('delivers after the dispatcher is killed mid-delivery and restarted', async () => {
    const webhookId = await subscribe('/crash', (n) => (n === 0 ? 'hold' : 200));
    const id = await remember('I sail on weekends');
    await eventually(() => expect(receiver.at('/crash')).toHaveLength(1), {
      timeoutMs: 15_000,
      intervalMs: 5,
    });
    await mnemo.kill('webhook-dispatcher');
    await mnemo.restart('webhook-dispatcher');
    await eventually(() => expect(receiver.at('/crash')).toHaveLength(2), { timeoutMs: 20_000 });
    const [held, resent] = receiver.at('/crash');
    expect(resent).toEqual({ ...held, verified: true });
    expect(resent.body).toEqual({
      event_details: { id, data: { memory: 'I sail on weekends' }, event: 'ADD' },
    });
    await eventually(async () =>
      expect(await deliveries(webhookId)).toEqual([
        expect.objectContaining({ delivery_id: held.webhookId, status: 'succeeded' }),
      ]),
    );
  });

  it('redelivers a delivered event on request, under the same webhook-id', async () => {
    const webhookId = await subscribe('/again');
    await remember('I play the cello');
    await eventually(() => expect(receiver.at('/again')).toHaveLength(1), { timeoutMs: 15_000 });
    const [entry] = await eventually(async () => {
      const log = await deliveries(webhookId);
      expect(log).toEqual([expect.objectContaining({ status: 'succeeded' })]);
      return log;
    });
    const again = await call(
      'POST',
      `/api/v1/webhooks/deliveries/${entry.delivery_id as string}/redeliver/`,
    );
    expect(again.status).toBe(202);
    await eventually(() => expect(receiver.at('/again')).toHaveLength(2));
    expect(receiver.at('/again')[1]).toEqual(receiver.at('/again')[0]);
  });

  const webhook = async (webhookId: string) => {
    const listed = await call('GET', hooks);
    return (listed.body as Record<string, unknown>[]).find((hook) => hook.webhook_id === webhookId);
  };

  it('disables a webhook whose target answers 410 Gone, with the reason on the webhook', async () => {
    const webhookId = await subscribe('/gone', () => 410);
    await remember('I moved to Lisbon');
    await eventually(async () =>
      expect(await webhook(webhookId)).toMatchObject({
        is_active: false,
        disabled_reason: 'The target answered 410 Gone.',
      }),
    );
    expect(await deliveries(webhookId)).toEqual([
      expect.objectContaining({ status: 'failed', attempts: 1, last_status_code: 410 }),
    ]);
    expect(receiver.at('/gone')).toHaveLength(1);
  });

  it('disables a webhook after a run of failed attempts and gives up on the delivery', async () => {
    const webhookId = await subscribe('/down', () => 503);
    await remember('I brew coffee at dawn');
    await eventually(async () =>
      expect(await webhook(webhookId)).toMatchObject({
        is_active: false,
        disabled_reason: 'Disabled after 3 consecutive failed deliveries.',
      }),
    );
    await eventually(async () =>
      expect(await deliveries(webhookId)).toEqual([
        expect.objectContaining({ status: 'failed', last_error: 'The webhook is disabled' }),
      ]),
    );
    expect(receiver.at('/down')).toHaveLength(3);
    const enabled = await call('PUT', `/api/v1/webhooks/${webhookId}/`, { is_active: true });
    expect(enabled.status).toBe(200);
    expect(await webhook(webhookId)).not.toHaveProperty('disabled_reason');
  });

  it('signs with both the new and the old secret after a rotation', async () => {
    const webhookId = await subscribe('/rotated');
    const old = receiver.secretsOf('/rotated');
    const rotated = await call('POST', `/api/v1/webhooks/${webhookId}/rotate-secret/`);
    expect(rotated.status).toBe(201);
    const secret = rotated.body.secret as string;
    expect([secret]).not.toEqual(old);
    receiver.expect('/rotated', [secret, ...old]);
    await remember('I speak Portuguese');
    await eventually(() => expect(receiver.at('/rotated')).toHaveLength(1), { timeoutMs: 15_000 });
    expect(receiver.at('/rotated')[0].verified).toBe(true);
  });
});
