import { eventually, startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';
import type { PlatformProject } from './support/platform-project';
import {
  platformCaller,
  projectCreator,
  startTenancyStack,
  tenancyAdminKey as adminKey,
} from './support/tenancy-calls';

const invalidKey = { detail: 'Invalid API key. Please check your API key and try again.' };

interface KeyListing {
  id: string;
  label: string | null;
  revoked: boolean;
}

describe('tenancy: organizations, projects and API keys', () => {
  let mnemo: MnemoStack;
  let a: PlatformProject;
  let b: PlatformProject;
  const call = platformCaller(() => mnemo);
  const createProject = projectCreator(() => mnemo);

  beforeAll(async () => {
    ({ mnemo, a, b } = await startTenancyStack(['gateway']));
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
  });

  it('creates projects with a first key, reusing an organization by name', async () => {
    expect(a.api_key).toMatch(/^m0-[0-9A-Za-z]{40}$/);
    expect(a.project_id).toMatch(/^proj_[0-9a-z]{20}$/);
    const sibling = await createProject('alpha-2', 'acme');
    expect(sibling.org_id).toBe(a.org_id);
    expect(b.org_id).not.toBe(a.org_id);
    const inDefault = await createProject('gamma');
    expect(inDefault.org_id).toBe('default');
    expect(
      await call('POST', '/api/v1/admin/projects/', { name: 'alpha', org_name: 'acme' }),
    ).toMatchObject({
      status: 409,
      body: { detail: 'A project with this name already exists in the organization.' },
    });
  });

  it('answers ping with the org and project of each key, whichever header carries it', async () => {
    expect(await call('GET', '/v1/ping/', undefined, a.api_key)).toMatchObject({
      status: 200,
      body: {
        status: 'ok',
        org_id: a.org_id,
        project_id: a.project_id,
        user_email: `${a.project_id}@mnemo.local`,
      },
    });
    const bearer = await http(mnemo.baseUrl, 'GET', '/v1/ping', undefined, {
      authorization: `Bearer ${b.api_key}`,
    });
    expect(bearer.body).toMatchObject({ org_id: b.org_id, project_id: b.project_id });
    const header = await http(mnemo.baseUrl, 'GET', '/v1/ping/', undefined, {
      'x-api-key': b.api_key,
    });
    expect(header.body).toMatchObject({ project_id: b.project_id });
    expect((await call('GET', '/v1/ping/')).body).toEqual({
      status: 'ok',
      org_id: 'default',
      project_id: 'default',
      user_email: 'default@mnemo.local',
    });
  });

  it('answers a wrong or missing key with the Platform 401 body', async () => {
    expect(await call('GET', '/v1/ping/', undefined, 'm0-wrong')).toMatchObject({
      status: 401,
      body: invalidKey,
    });
    expect(await call('GET', '/v1/ping/', undefined, null)).toMatchObject({
      status: 401,
      body: invalidKey,
    });
  });

  it('keeps the admin routes to the admin key', async () => {
    expect(await call('POST', '/api/v1/admin/projects/', { name: 'x' }, a.api_key)).toMatchObject({
      status: 403,
      body: { detail: 'Admin role required.' },
    });
    expect(
      await call('GET', `/api/v1/admin/projects/${a.project_id}/keys/`, undefined, a.api_key),
    ).toMatchObject({ status: 403 });
  });

  it('lists, creates and revokes keys; a revoked key fails at once', async () => {
    const created = await call('POST', `/api/v1/admin/projects/${a.project_id}/keys/`, {
      label: 'ci',
    });
    expect(created.status).toBe(201);
    const key = created.body as { id: string; api_key: string; prefix: string };
    expect(key.prefix).toBe(key.api_key.slice(0, 10));
    expect((await call('GET', '/v1/ping/', undefined, key.api_key)).status).toBe(200);
    const listed = await eventually(async () => {
      const answer = await call('GET', `/api/v1/admin/projects/${a.project_id}/keys/`);
      const entry = (answer.body.keys as KeyListing[]).find((k) => k.id === key.id);
      expect(entry).toMatchObject({ last_used_at: expect.any(String) });
      return answer.body.keys as KeyListing[];
    });
    expect(listed.map((k) => k.label)).toEqual(['default', 'ci']);
    expect(listed.find((k) => k.label === 'ci')).toEqual({
      id: key.id,
      prefix: key.prefix,
      label: 'ci',
      created_at: expect.any(String),
      last_used_at: expect.any(String),
      revoked: false,
    });
    expect(await call('DELETE', `/api/v1/admin/keys/${key.id}/`)).toMatchObject({
      status: 200,
      body: { message: 'API key revoked.' },
    });
    expect(await call('GET', '/v1/ping/', undefined, key.api_key)).toMatchObject({
      status: 401,
      body: invalidKey,
    });
    const after = await call('GET', `/api/v1/admin/projects/${a.project_id}/keys/`);
    expect((after.body.keys as KeyListing[]).find((k) => k.id === key.id)?.revoked).toBe(true);
    expect((await call('DELETE', `/api/v1/admin/keys/${key.id}/`)).status).toBe(400);
    expect(await call('DELETE', '/api/v1/admin/keys/key_unknown/')).toMatchObject({
      status: 404,
      body: { detail: 'API key not found.' },
    });
  });
});

describe('rate limits per API key', () => {
  let mnemo: MnemoStack;
  const call = platformCaller(() => mnemo);

  beforeAll(async () => {
    mnemo = await startMnemo({
      services: ['gateway'],
      env: { MNEMO_ADMIN_API_KEY: adminKey, MNEMO_RATE_LIMIT_PER_MINUTE: '3' },
    });
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
  });

  it('answers 429 with Retry-After once a key has spent its bucket, other keys unaffected', async () => {
    const created = await call('POST', '/api/v1/admin/projects/', { name: 'limited' });
    expect(created.headers.get('x-ratelimit-limit')).toBe('3');
    expect(created.headers.get('x-ratelimit-remaining')).toBe('2');
    expect((await call('GET', '/v1/ping/')).headers.get('x-ratelimit-remaining')).toBe('1');
    expect((await call('GET', '/v1/ping/')).headers.get('x-ratelimit-remaining')).toBe('0');
    const refused = await call('GET', '/v1/ping/');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ detail: 'Rate limit exceeded, retry in 20 seconds.' });
    expect(refused.headers.get('retry-after')).toBe('20');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    const projectKey = (created.body as PlatformProject).api_key;
    expect((await call('GET', '/v1/ping/', undefined, projectKey)).status).toBe(200);
    expect((await call('GET', '/v1/ping/', undefined, projectKey)).status).toBe(200);
  });
});
