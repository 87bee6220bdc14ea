import { createConnection } from 'mysql2/promise';
import { eventually, startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';

const adminKey = 'tenancy-admin-key';
const invalidKey = { detail: 'Invalid API key. Please check your API key and try again.' };
const notFound = { detail: 'Organization or project not found' };
const unknownMemory = '00000000-0000-0000-0000-000000000000';

interface CreatedProject {
  org_id: string;
  project_id: string;
  api_key: string;
}

interface KeyListing {
  id: string;
  label: string | null;
  revoked: boolean;
}

function platformCaller(stack: () => MnemoStack) {
  return (method: string, path: string, body?: unknown, key: string | null = adminKey) =>
    http(stack().baseUrl, method, path, body, key ? { authorization: `Token ${key}` } : {});
}

type Caller = ReturnType<typeof platformCaller>;

async function createProject(call: Caller, name: string, orgName?: string) {
  const answer = await call('POST', '/api/v1/admin/projects/', { name, org_name: orgName });
  expect(answer.status).toBe(201);
  return answer.body as CreatedProject;
}

describe('tenancy: organizations, projects, API keys and members', () => {
  let mnemo: MnemoStack;
  let a: CreatedProject;
  let b: CreatedProject;
  const call = platformCaller(() => mnemo);
  const projectPath = (p: { org_id: string; project_id: string }) =>
    `/api/v1/orgs/organizations/${p.org_id}/projects/${p.project_id}/`;

  beforeAll(async () => {
    mnemo = await startMnemo({
      services: ['gateway', 'embedder', 'vector-store'],
      env: { MNEMO_ADMIN_API_KEY: adminKey },
    });
    a = await createProject(call, 'alpha', 'acme');
    b = await createProject(call, 'beta', 'globex');
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
  });

  it('creates projects with a first key, reusing an organization by name', async () => {
    expect(a.api_key).toMatch(/^m0-[0-9A-Za-z]{40}$/);
    expect(a.project_id).toMatch(/^proj_[0-9a-z]{20}$/);
    const sibling = await createProject(call, 'alpha-2', 'acme');
    expect(sibling.org_id).toBe(a.org_id);
    expect(b.org_id).not.toBe(a.org_id);
    const inDefault = await createProject(call, 'gamma');
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

  it('reads and updates the project settings, honouring repeated fields', async () => {
    const full = await call('GET', projectPath(a), undefined, a.api_key);
    expect(full.body).toMatchObject({
      project_id: a.project_id,
      org_id: a.org_id,
      name: 'alpha',
      members: [],
      custom_instructions: null,
      custom_categories: [],
      multilingual: false,
      is_default: false,
      user_role: 'OWNER',
    });
    const update = {
      custom_instructions: 'Only remember food preferences.',
      custom_categories: [{ food: 'What the user eats' }, { drinks: 'What the user drinks' }],
      multilingual: true,
      org_id: a.org_id,
      project_id: a.project_id,
    };
    expect(await call('PATCH', projectPath(a), update, a.api_key)).toMatchObject({
      status: 200,
      body: { message: 'Project updated successfully' },
    });
    const picked = await call(
      'GET',
      `${projectPath(a)}?fields=custom_instructions&fields=custom_categories&fields=multilingual`,
      undefined,
      a.api_key,
    );
    expect(picked.body).toEqual({
      custom_instructions: 'Only remember food preferences.',
      custom_categories: [{ food: 'What the user eats' }, { drinks: 'What the user drinks' }],
      multilingual: true,
    });
    expect(
      (await call('PATCH', projectPath(a), { project_id: a.project_id }, a.api_key)).status,
    ).toBe(400);
    expect((await call('PATCH', projectPath(a), { multilingual: 'yes' }, a.api_key)).status).toBe(
      422,
    );
  });

  it('serves the project to the mem0ai TypeScript client', async () => {
    const { MemoryClient } = await import('mem0ai');
    const client = new MemoryClient({ apiKey: b.api_key, host: mnemo.baseUrl });
    await client.updateProject({ custom_instructions: 'Ignore small talk.' });
    const project = await client.getProject({ fields: ['custom_instructions', 'user_role'] });
    expect(project).toEqual({ customInstructions: 'Ignore small talk.', userRole: 'OWNER' });
  });

  it('adds, updates and removes members; a READER reads but cannot change', async () => {
    const members = `${projectPath(a)}members/`;
    expect(
      await call('POST', members, { email: 'Reader@Example.com', role: 'READER' }, a.api_key),
    ).toMatchObject({ status: 200, body: { message: 'User added to the project successfully.' } });
    expect((await call('POST', members, { email: 'reader@example.com' }, a.api_key)).status).toBe(
      409,
    );
    expect((await call('GET', members, undefined, a.api_key)).body).toEqual({
      members: [{ username: 'reader@example.com', role: 'READER', email: 'reader@example.com' }],
    });
    const readerKey = await call('POST', `/api/v1/admin/projects/${a.project_id}/keys/`, {
      label: 'reader',
      email: 'reader@example.com',
    });
    const reader = readerKey.body.api_key as string;
    expect((await call('GET', '/v1/ping/', undefined, reader)).body.user_email).toBe(
      'reader@example.com',
    );
    expect(
      (await call('GET', `${projectPath(a)}?fields=user_role`, undefined, reader)).body,
    ).toEqual({
      user_role: 'READER',
    });
    expect((await call('PATCH', projectPath(a), { decay: true }, reader)).status).toBe(403);
    expect((await call('DELETE', projectPath(a), undefined, reader)).status).toBe(403);
    expect((await call('POST', members, { email: 'x@example.com' }, reader)).status).toBe(403);
    const readerAdd = await call(
      'POST',
      '/v3/memories/add/',
      { user_id: 'u', messages: [{ role: 'user', content: 'I like tea' }] },
      reader,
    );
    expect(readerAdd).toMatchObject({
      status: 403,
      body: { detail: 'You do not have permission to perform this action.' },
    });
    expect((await call('DELETE', '/v1/memories/?user_id=u', undefined, reader)).status).toBe(403);
    const asReader = { 'x-api-key': reader };
    const ossWrites: [string, string, unknown?][] = [
      ['POST', '/memories', { user_id: 'u', messages: [{ role: 'user', content: 'I like tea' }] }],
      ['PUT', `/memories/${unknownMemory}`, { text: 'x' }],
      ['DELETE', `/memories/${unknownMemory}`],
      ['DELETE', '/memories?user_id=u'],
      ['DELETE', '/entities/user/u'],
      ['POST', '/reset'],
    ];
    for (const [method, path, body] of ossWrites) {
      const answer = await http(mnemo.baseUrl, method, path, body, asReader);
      expect({ route: `${method} ${path}`, status: answer.status, body: answer.body }).toEqual({
        route: `${method} ${path}`,
        status: 403,
        body: { detail: 'You do not have permission to perform this action.' },
      });
    }
    expect(
      (await http(mnemo.baseUrl, 'GET', '/memories?user_id=u', undefined, asReader)).status,
    ).toBe(200);
    expect(
      (await call('POST', '/v3/memories/', { filters: { user_id: 'u' } }, reader)).status,
    ).toBe(200);
    expect(
      await call('PUT', members, { email: 'reader@example.com', role: 'OWNER' }, a.api_key),
    ).toMatchObject({ status: 200, body: { message: 'User role updated successfully.' } });
    expect((await call('PATCH', projectPath(a), { decay: true }, reader)).status).toBe(200);
    expect(
      await call('DELETE', `${members}?email=reader@example.com`, undefined, a.api_key),
    ).toMatchObject({ status: 200, body: { message: 'Member removed from the project' } });
    expect((await call('GET', '/v1/ping/', undefined, reader)).status).toBe(401);
    expect(
      await call('DELETE', `${members}?email=reader@example.com`, undefined, a.api_key),
    ).toMatchObject({ status: 404, body: { detail: 'User is not a member of the project.' } });
  });

  it("answers 404 to a key on another project's routes", async () => {
    expect(await call('GET', projectPath(a), undefined, b.api_key)).toMatchObject({
      status: 404,
      body: notFound,
    });
    expect(
      await call('PATCH', projectPath(a), { custom_instructions: 'x' }, b.api_key),
    ).toMatchObject({ status: 404, body: notFound });
    expect(await call('DELETE', projectPath(a), undefined, b.api_key)).toMatchObject({
      status: 404,
      body: notFound,
    });
    expect((await call('GET', `${projectPath(a)}members/`, undefined, b.api_key)).status).toBe(404);
    const wrongOrg = { org_id: b.org_id, project_id: a.project_id };
    expect((await call('GET', projectPath(wrongOrg), undefined, a.api_key)).status).toBe(404);
    expect(
      await call(
        'POST',
        `/api/v1/orgs/organizations/${a.org_id}/projects/`,
        { name: 'z' },
        b.api_key,
      ),
    ).toMatchObject({ status: 404, body: notFound });
  });

  it('creates a project in the caller organization', async () => {
    const path = `/api/v1/orgs/organizations/${a.org_id}/projects/`;
    const created = await call(
      'POST',
      path,
      { name: 'side', description: 'experiments' },
      a.api_key,
    );
    expect(created).toMatchObject({
      status: 201,
      body: {
        message: 'Project created successfully.',
        project_id: expect.stringMatching(/^proj_/),
      },
    });
    expect((await call('POST', path, { name: 'side' }, a.api_key)).status).toBe(409);
    const project = await call(
      'GET',
      projectPath({ org_id: a.org_id, project_id: created.body.project_id }),
    );
    expect(project.body).toMatchObject({ name: 'side', description: 'experiments' });
  });

  describe('with the open-source routes scoped by project key', () => {
    const oss = (method: string, path: string, body: unknown, key: string) =>
      http(mnemo.baseUrl, method, path, body, { 'x-api-key': key });
    const addVerbatim = async (key: string, content: string) => {
      const answer = await oss(
        'POST',
        '/memories',
        { messages: [{ role: 'user', content }], user_id: 'shared-user', infer: false },
        key,
      );
      expect(answer.status).toBe(200);
    };
    const memoriesOf = async (key: string) =>
      (
        (await oss('GET', '/memories?user_id=shared-user', undefined, key)).body.results as {
          memory: string;
        }[]
      ).map((m) => m.memory);

    it('keeps the same user id apart in two projects', async () => {
      await addVerbatim(a.api_key, 'Drinks oolong tea');
      await addVerbatim(b.api_key, 'Drinks espresso');
      expect(await memoriesOf(a.api_key)).toEqual(['Drinks oolong tea']);
      expect(await memoriesOf(b.api_key)).toEqual(['Drinks espresso']);
      expect(await memoriesOf(adminKey)).toEqual([]);
      expect((await oss('POST', '/configure', { llm: {} }, a.api_key)).status).toBe(403);
    });

    it('deletes a project with its memories, keys and members', async () => {
      const doomed = await createProject(call, 'doomed', 'acme');
      await addVerbatim(doomed.api_key, 'Collects stamps');
      expect(await countMemories(mnemo.mysqlUrl, doomed.project_id)).toBe(1);
      expect(await call('DELETE', projectPath(doomed), undefined, doomed.api_key)).toMatchObject({
        status: 200,
        body: { message: 'Project and related data deleted successfully.' },
      });
      expect(await countMemories(mnemo.mysqlUrl, doomed.project_id)).toBe(0);
      expect((await call('GET', '/v1/ping/', undefined, doomed.api_key)).status).toBe(401);
      expect((await call('GET', projectPath(doomed))).status).toBe(404);
      expect(await memoriesOf(a.api_key)).toEqual(['Drinks oolong tea']);
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
    const projectKey = (created.body as CreatedProject).api_key;
    expect((await call('GET', '/v1/ping/', undefined, projectKey)).status).toBe(200);
    expect((await call('GET', '/v1/ping/', undefined, projectKey)).status).toBe(200);
  });
});

async function countMemories(mysqlUrl: string, projectId: string): Promise<number> {
  const connection = await createConnection({ uri: mysqlUrl });
  try {
    const [rows] = await connection.query(
      'SELECT COUNT(*) AS n FROM memories WHERE project_id = ?',
      [projectId],
    );
    return Number((rows as { n: number }[])[0]?.n);
  } finally {
    await connection.end();
  }
}
