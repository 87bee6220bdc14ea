import { createWebhookContract, isWebhookEventType, isWebhookUrl } from './webhooks.contracts';

describe('webhook contracts', () => {
  it('accepts absolute http(s) URLs only', () => {
    expect(isWebhookUrl('https://hooks.example.com/mem0?x=1')).toBe(true);
    expect(isWebhookUrl('http://127.0.0.1:8080/in')).toBe(true);
    expect(isWebhookUrl('ftp://example.com/in')).toBe(false);
    expect(isWebhookUrl('/relative/path')).toBe(false);
    expect(isWebhookUrl('example.com/in')).toBe(false);
    expect(isWebhookUrl('javascript:alert(1)')).toBe(false);
  });

  it('knows the four memory event types', () => {
    expect(
      ['memory_add', 'memory_update', 'memory_delete', 'memory_categorize', 'memory_search'].map(
        isWebhookEventType,
      ),
    ).toEqual([true, true, true, true, false]);
  });

  it('requires a name, a valid URL and known event types on create', () => {
    const parse = (body: Record<string, unknown>) =>
      createWebhookContract.request.safeParse({
        projectId: 'p1',
        owner: 'a@b.c',
        name: 'hook',
        url: 'https://example.com',
        eventTypes: ['memory_add'],
        ...body,
      });
    expect(parse({}).success).toBe(true);
    expect(parse({}).data?.isActive).toBe(true);
    expect(parse({ name: '  ' }).success).toBe(false);
    expect(parse({ url: 'not a url' }).success).toBe(false);
    expect(parse({ eventTypes: [] }).success).toBe(false);
    expect(parse({ eventTypes: ['memory_search'] }).success).toBe(false);
  });
});
