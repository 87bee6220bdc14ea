import type { Logger } from '@mnemo/observability';
import type { GatewayConfig } from '../config/gateway.config';
import { hashApiKey } from './api-key';
import { ApiKeyResolver } from './api-key.resolver';
import type { ApiKeysRepository, KeyForAuth } from './api-keys.repository';

const projectKey = 'm0-project-key';
const memberKey = 'm0-member-key';

function setup(options: { adminKey?: string; ttlMs?: number } = {}) {
  const rows = new Map<string, KeyForAuth>([
    [
      hashApiKey(projectKey),
      {
        id: 'key_p',
        orgId: 'org_a',
        projectId: 'proj_a',
        userEmail: null,
        memberRole: null,
        lastUsedAt: null,
      },
    ],
    [
      hashApiKey(memberKey),
      {
        id: 'key_m',
        orgId: 'org_a',
        projectId: 'proj_a',
        userEmail: 'reader@example.com',
        memberRole: 'READER',
        lastUsedAt: null,
      },
    ],
  ]);
  const lookups: string[] = [];
  const touches: string[] = [];
  const repository = {
    findForAuth: (hash: string) => {
      lookups.push(hash);
      return Promise.resolve(rows.get(hash));
    },
    touch: (keyId: string, at: Date) => {
      touches.push(keyId);
      for (const row of rows.values()) if (row.id === keyId) row.lastUsedAt = at;
      return Promise.resolve();
    },
  } as unknown as ApiKeysRepository;
  const logger = { warn: () => undefined, error: () => undefined } as unknown as Logger;
  const config = {
    MNEMO_ADMIN_API_KEY: options.adminKey,
    MNEMO_DEFAULT_PROJECT_ID: 'default',
    MNEMO_API_KEY_CACHE_TTL_MS: options.ttlMs ?? 10_000,
  } as GatewayConfig;
  const resolver = new ApiKeyResolver(repository, logger, config);
  return { resolver, rows, lookups, touches };
}

describe(ApiKeyResolver.name, () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('resolves the admin key to the default project as admin, without the database', async () => {
    const { resolver, lookups } = setup({ adminKey: 'secret' });
    expect(await resolver.resolve('secret')).toEqual({
      orgId: 'default',
      projectId: 'default',
      keyId: 'admin',
      isAdmin: true,
      role: 'OWNER',
      userEmail: 'default@mnemo.local',
    });
    expect(lookups).toEqual([]);
  });

  it('asks for a key when an admin key is set, and opens the default project when not', async () => {
    expect(await setup({ adminKey: 'secret' }).resolver.resolve(undefined)).toBe('missing');
    expect(await setup().resolver.resolve(undefined)).toMatchObject({
      projectId: 'default',
      keyId: 'anonymous',
      isAdmin: true,
    });
  });

  it('rejects a wrong key even in open mode, and remembers it', async () => {
    const { resolver, lookups } = setup();
    expect(await resolver.resolve('m0-wrong')).toBe('invalid');
    expect(await resolver.resolve('m0-wrong')).toBe('invalid');
    expect(lookups).toHaveLength(1);
  });

  it('resolves a project key and a member key with the member role', async () => {
    const { resolver } = setup({ adminKey: 'secret' });
    expect(await resolver.resolve(projectKey)).toEqual({
      orgId: 'org_a',
      projectId: 'proj_a',
      keyId: 'key_p',
      isAdmin: false,
      role: 'OWNER',
      userEmail: 'proj_a@mnemo.local',
    });
    expect(await resolver.resolve(memberKey)).toMatchObject({
      role: 'READER',
      userEmail: 'reader@example.com',
    });
  });

  it('treats a key whose member left the project as invalid', async () => {
    const { resolver, rows } = setup();
    rows.get(hashApiKey(memberKey))!.memberRole = null;
    expect(await resolver.resolve(memberKey)).toBe('invalid');
  });

  it('serves from the cache until the TTL passes or the key is forgotten', async () => {
    const { resolver, rows, lookups } = setup();
    await resolver.resolve(projectKey);
    rows.delete(hashApiKey(projectKey));
    expect(await resolver.resolve(projectKey)).toMatchObject({ keyId: 'key_p' });
    jest.advanceTimersByTime(10_001);
    expect(await resolver.resolve(projectKey)).toBe('invalid');
    expect(lookups).toHaveLength(2);
  });

  it('forgets a revoked key at once, and every key of a changed project', async () => {
    const { resolver, lookups } = setup();
    await resolver.resolve(projectKey);
    await resolver.resolve(memberKey);
    resolver.forgetKey(hashApiKey(projectKey));
    await resolver.resolve(projectKey);
    resolver.forgetProject('proj_a');
    await resolver.resolve(projectKey);
    await resolver.resolve(memberKey);
    expect(lookups).toHaveLength(5);
  });

  it('records key use at most once a minute', async () => {
    const { resolver, touches } = setup();
    await resolver.resolve(projectKey);
    jest.advanceTimersByTime(30_000);
    await resolver.resolve(projectKey);
    jest.advanceTimersByTime(30_000);
    await resolver.resolve(projectKey);
    expect(touches).toEqual(['key_p', 'key_p']);
  });

  it('rate-limits known keys by key and everything else by IP', async () => {
    const { resolver } = setup({ adminKey: 'secret' });
    expect(resolver.rateLimitKey(projectKey, '10.0.0.1')).toBe('ip:10.0.0.1');
    await resolver.resolve(projectKey);
    expect(resolver.rateLimitKey(projectKey, '10.0.0.1')).toBe('key:key_p');
    expect(resolver.rateLimitKey('secret', '10.0.0.1')).toBe('key:admin');
    expect(resolver.rateLimitKey('m0-wrong', '10.0.0.1')).toBe('ip:10.0.0.1');
    expect(resolver.rateLimitKey(undefined, '10.0.0.1')).toBe('ip:10.0.0.1');
  });
});
