import { createConnection } from 'mysql2/promise';
import type { MnemoStack } from '@mnemo/testing';
import { http } from './http';
import type { PlatformProject } from './support/platform-project';
import {
  platformCaller,
  projectCreator,
  startTenancyStack,
  tenancyAdminKey as adminKey,
} from './support/tenancy-calls';

const notFound = { detail: 'Organization or project not found' };
const unknownMemory = '00000000-0000-0000-0000-000000000000';

describe('tenancy: project settings, members, isolation and deletion', () => {
  let mnemo: MnemoStack;
  let a: PlatformProject;
  let b: PlatformProject;
  const call = platformCaller(() => mnemo);
  const createProject = projectCreator(() => mnemo);
  const projectPath = (p: { org_id: string; project_id: string }) =>
    `/api/v1/orgs/organizations/${p.org_id}/projects/${p.project_id}/`;

  beforeAll(async () => {
    ({ mnemo, a, b } = await startTenancyStack(['gateway', 'embedder', 'vector-store']));
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
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
      const doomed = await createProject('doomed', 'acme');
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
