import { Webhook as StandardWebhook } from 'standardwebhooks';
import type { MemoryEventPayload } from '@mnemo/contracts';
import { deliveryId, webhookBody } from './delivery-payload';
import { nextRetry, parseRetryAfter } from './retry-policy';
import { signatureHeaders } from './webhook-signer';

const memory = {
  id: 'm1',
  memory: 'Likes tea',
  user_id: 'u',
  agent_id: null,
  app_id: null,
  run_id: null,
  metadata: null,
  categories: ['food'],
  expiration_date: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};
const event = (type: MemoryEventPayload['type']): MemoryEventPayload => ({
  event_id: 'e1',
  type,
  project_id: 'p',
  occurred_at: '2026-01-01T00:00:00.000Z',
  actor: null,
  memory,
});

describe('webhook delivery policy', () => {
  it('derives one stable uuid per (event, webhook)', () => {
    expect(deliveryId('e1', 'w1')).toBe(deliveryId('e1', 'w1'));
    expect(deliveryId('e1', 'w1')).not.toBe(deliveryId('e1', 'w2'));
    expect(deliveryId('e1', 'w1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('builds the Mem0 bodies', () => {
    expect(JSON.parse(webhookBody(event('memory.created')))).toEqual({
      event_details: { id: 'm1', data: { memory: 'Likes tea' }, event: 'ADD' },
    });
    expect(JSON.parse(webhookBody(event('memory.deleted'))).event_details.event).toBe('DELETE');
    expect(JSON.parse(webhookBody(event('memory.categorized')))).toEqual({
      event_details: { event: 'CATEGORIZE', memory_id: 'm1', categories: ['food'] },
    });
  });

  it('signs so a Standard Webhooks receiver verifies, with both secrets during a rotation', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const secret = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
    const previousSecret = `whsec_${Buffer.alloc(32, 2).toString('base64')}`;
    const secrets = { secret, previousSecret, rotatedAt: new Date(at.getTime() - 1000) };
    const headers = signatureHeaders('d1', at, '{"a":1}', secrets, 60_000);
    expect(headers['webhook-timestamp']).toBe('1767225600');
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const key of [secret, previousSecret]) {
      const verifier = new StandardWebhook(key);
      // verify() checks the timestamp against the clock: compare with a fresh signature instead.
      expect(headers['webhook-signature']).toContain(verifier.sign('d1', at, '{"a":1}'));
    }
    const afterGrace = signatureHeaders('d1', at, '{"a":1}', secrets, 500);
    expect(afterGrace['webhook-signature']).toBe(
      new StandardWebhook(secret).sign('d1', at, '{"a":1}'),
    );
  });

  it('retries on the schedule with jitter, lets Retry-After push later, then gives up', () => {
    expect(nextRetry(1, [1000, 5000], undefined, () => 0.5)).toEqual({
      retry: true,
      delayMs: 1000,
    });
    expect(nextRetry(2, [1000, 5000], undefined, () => 0)).toEqual({ retry: true, delayMs: 4000 });
    expect(nextRetry(1, [1000, 5000], 30_000, () => 1)).toEqual({ retry: true, delayMs: 30_000 });
    expect(nextRetry(3, [1000, 5000], undefined)).toEqual({ retry: false });
  });

  it('reads Retry-After as seconds or a date', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
