import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import type { SqlCredentials as Credentials } from '@mnemo/contracts';
import { startMnemo, type MnemoStack, sqlError } from '@mnemo/testing';
import { http } from './http';
import { sqlRows as rows, stopWithSqlSpaces } from './support/sql-spaces';

const adminKey = 'channel-b-admin-key';
const workspaceRoot = join(__dirname, '../../..');
const iso = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

interface Project {
  org_id: string;
  project_id: string;
  api_key: string;
}

describe('channel B: SQL spaces, profiles, sessions and context', () => {
  let mnemo: MnemoStack;
  let root: Connection;
  let a: Project;
  let b: Project;
  const open: Connection[] = [];

  const call = (method: string, path: string, body?: unknown, key = a.api_key) =>
    http(mnemo.baseUrl, method, path, body, { authorization: `Token ${key}` });
  const credentialsOf = async (project: Project): Promise<Credentials> => {
    const answer = await call('POST', '/v1/structured/credentials/', undefined, project.api_key);
    expect(answer.status).toBe(200);
    return answer.body as Credentials;
  };
  const connectAs = async (credentials: Credentials): Promise<Connection> => {
    const connection = await createConnection(credentials);
    open.push(connection);
    return connection;
  };
  const remember = async (project: Project, userId: string, content: string) => {
    const answer = await call(
      'POST',
      '/v3/memories/add/',
      { user_id: userId, infer: false, messages: [{ role: 'user', content }] },
      project.api_key,
    );
    expect(answer).toMatchObject({ status: 200, body: { status: 'SUCCEEDED' } });
  };
  const createProject = async (name: string): Promise<Project> => {
    const answer = await call('POST', '/api/v1/admin/projects/', { name }, adminKey);
    expect(answer.status).toBe(201);
    return answer.body as Project;
  };

  beforeAll(async () => {
    mnemo = await startMnemo({
      services: ['gateway', 'extractor', 'embedder', 'vector-store', 'structured-data'],
      env: { MNEMO_ADMIN_API_KEY: adminKey },
    });
    const server = new URL(mnemo.mysqlUrl);
    server.pathname = '/';
    root = await createConnection(server.toString());
    a = await createProject('shop-a');
    b = await createProject('shop-b');
    await remember(a, 'user_10086', 'I like Sichuan cuisine');
    await remember(b, 'user_10086', 'I like sushi');
  }, 180_000);

  afterAll(() => stopWithSqlSpaces(mnemo, [...open, root]));

  it('issues credentials of an account that sees its own schema only', async () => {
    const credentials = await credentialsOf(a);
    const server = new URL(mnemo.mysqlUrl);
    expect(credentials).toEqual({
      host: server.hostname,
      port: Number(server.port),
      user: expect.stringMatching(/^[a-z0-9_]{1,32}$/),
      password: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      database: `${mnemo.database}_p_${a.project_id}`,
    });
    // The suite's database has a long name: the account keeps its head and adds a hash.
    expect(credentials.user.startsWith(mnemo.database)).toBe(true);
    const sql = await connectAs(credentials);
    const schemas = (await rows(sql, 'SHOW DATABASES')).map((row) => String(row.Database));
    expect(schemas).toContain(credentials.database);
    expect(schemas).not.toContain(mnemo.database);
    expect(await sqlError(sql, `SELECT * FROM ${mnemo.database}.memories`)).toBe(
      'ER_TABLEACCESS_DENIED_ERROR',
    );
    expect(await sqlError(sql, `SELECT * FROM ${mnemo.database}.api_keys`)).toBe(
      'ER_TABLEACCESS_DENIED_ERROR',
    );
  });

  it('joins business tables with the project memories, read-only', async () => {
    const sql = await connectAs(await credentialsOf(a));
    await sql.query(
      `INSERT INTO user_profiles (user_id, nickname, city, vip_level) VALUES (?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE city = VALUES(city)`,
      ['user_10086', 'Xiao Ming', 'Hangzhou', 3],
    );
    await sql.query('CREATE TABLE orders (id INT PRIMARY KEY, user_id VARCHAR(64), total INT)');
    await sql.query("INSERT INTO orders VALUES (1, 'user_10086', 95)");
    expect(
      await rows(
        sql,
        `SELECT p.city, m.memory, o.total FROM user_profiles p
         JOIN memories m ON m.user_id = p.user_id JOIN orders o ON o.user_id = p.user_id`,
      ),
    ).toEqual([{ city: 'Hangzhou', memory: 'I like Sichuan cuisine', total: 95 }]);
    expect(await rows(sql, 'SELECT event, new_memory FROM memory_history')).toEqual([
      { event: 'ADD', new_memory: 'I like Sichuan cuisine' },
    ]);
    const writes = await Promise.all(
      [
        "UPDATE memories SET memory = 'changed'",
        'DELETE FROM memories',
        "INSERT INTO memories (id, memory) VALUES ('x', 'x')",
        'DELETE FROM memory_history',
      ].map((statement) => sqlError(sql, statement)),
    );
    expect(writes).toEqual([
      'ER_NON_UPDATABLE_TABLE',
      'ER_NON_UPDATABLE_TABLE',
      'ER_NON_INSERTABLE_TABLE',
      'ER_NON_UPDATABLE_TABLE',
    ]);
    const [stored] = await root.query<RowDataPacket[]>(
      `SELECT memory FROM ${mnemo.database}.memories WHERE project_id = ?`,
      [a.project_id],
    );
    expect(stored).toEqual([{ memory: 'I like Sichuan cuisine' }]);
  });

  it('rotates the password on every call: the old one stops working', async () => {
    const first = await credentialsOf(a);
    const second = await credentialsOf(a);
    expect(second.password).not.toBe(first.password);
    await expect(createConnection(first)).rejects.toMatchObject({
      code: 'ER_ACCESS_DENIED_ERROR',
    });
    const sql = await connectAs(second);
    expect(await rows(sql, 'SELECT COUNT(*) AS n FROM memories')).toEqual([{ n: 1 }]);
  });

  it('keeps two projects accounts apart', async () => {
    const ofA = await credentialsOf(a);
    const ofB = await credentialsOf(b);
    expect(ofB.database).not.toBe(ofA.database);
    const sqlA = await connectAs(ofA);
    const sqlB = await connectAs(ofB);
    expect(await rows(sqlB, 'SELECT memory FROM memories')).toEqual([{ memory: 'I like sushi' }]);
    expect(await rows(sqlB, 'SELECT * FROM user_profiles')).toEqual([]);
    expect(await sqlError(sqlB, `SELECT * FROM ${ofA.database}.user_profiles`)).toBe(
      'ER_TABLEACCESS_DENIED_ERROR',
    );
    expect(await sqlError(sqlA, `SELECT * FROM ${ofB.database}.memories`)).toBe(
      'ER_TABLEACCESS_DENIED_ERROR',
    );
    expect(await sqlError(sqlB, `USE ${ofA.database}`)).toBe('ER_DBACCESS_DENIED_ERROR');
  });

  it('upserts, reads, patches and deletes profiles, scoped by project', async () => {
    const path = '/v1/structured/profiles/user_7/';
    const put = { nickname: 'Ada', city: 'Paris', vip_level: 2, attributes: { lang: 'fr' } };
    expect(await call('PUT', path, put)).toMatchObject({
      status: 201,
      body: { user_id: 'user_7', ...put, created_at: iso, updated_at: iso },
    });
    expect(await call('PUT', path, { nickname: 'Ada L.' })).toMatchObject({
      status: 200,
      body: { nickname: 'Ada L.', city: null, vip_level: null, attributes: null },
    });
    await call('PUT', path, put);
    const patched = await call('PATCH', path, { city: null, attributes: { tier: 'gold' } });
    expect(patched).toMatchObject({
      status: 200,
      body: { nickname: 'Ada', city: null, vip_level: 2, attributes: { lang: 'fr', tier: 'gold' } },
    });
    expect((await call('GET', path)).body).toEqual(patched.body);
    expect((await call('GET', path, undefined, b.api_key)).status).toBe(404);
    expect((await call('PATCH', path, { city: 'Rome' }, b.api_key)).status).toBe(404);
    expect((await call('DELETE', path, undefined, b.api_key)).status).toBe(404);
    expect(await call('DELETE', path)).toEqual(
      expect.objectContaining({ status: 200, body: { message: 'Profile deleted.' } }),
    );
    expect(await call('GET', path)).toMatchObject({
      status: 404,
      body: { detail: 'Profile not found.' },
    });
    expect((await call('PUT', path, { vip_level: 'gold' })).status).toBe(422);
    expect((await call('PUT', path, { vipLevel: 3 })).status).toBe(422);
  });

  it('appends and lists session messages, scoped by project', async () => {
    const path = '/v1/structured/sessions/s-1/messages/';
    const appended = await call('POST', path, {
      user_id: 'user_9',
      messages: [
        { role: 'user', content: 'one' },
        { role: 'assistant', content: 'two' },
        { role: 'user', content: 'three' },
      ],
    });
    expect(appended.status).toBe(201);
    const ids = (appended.body as { messages: { id: number }[] }).messages.map((m) => m.id);
    expect(ids[1] - ids[0]).toBeGreaterThan(0);
    expect(ids[2] - ids[1]).toBeGreaterThan(0);
    const latestTwo = await call('GET', `${path}?limit=2`);
    expect(latestTwo).toMatchObject({
      status: 200,
      body: {
        session_id: 's-1',
        messages: [
          { id: ids[1], session_id: 's-1', user_id: 'user_9', role: 'assistant', content: 'two' },
          { id: ids[2], role: 'user', content: 'three', created_at: iso },
        ],
      },
    });
    const older = await call('GET', `${path}?before_id=${ids[1]}`);
    expect((older.body as { messages: { content: string }[] }).messages).toEqual([
      expect.objectContaining({ content: 'one' }),
    ]);
    expect((await call('GET', path, undefined, b.api_key)).body).toEqual({
      session_id: 's-1',
      messages: [],
    });
    expect((await call('POST', path, { messages: [] })).status).toBe(422);
  });

  it('answers the context: memories, profile and the latest session of the user', async () => {
    await call('PUT', '/v1/structured/profiles/user_10086/', {
      nickname: 'Xiao Ming',
      city: 'Hangzhou',
      vip_level: 3,
    });
    const sessions = '/v1/structured/sessions';
    await call('POST', `${sessions}/old/messages/`, {
      user_id: 'user_10086',
      messages: [{ role: 'user', content: 'an older chat' }],
    });
    const talk = Array.from({ length: 12 }, (_, i) => ({ role: 'user', content: `turn ${i}` }));
    await call('POST', `${sessions}/new/messages/`, { user_id: 'user_10086', messages: talk });
    const context = await call('POST', '/v1/context/', {
      user_id: 'user_10086',
      query: 'Which cuisine does the user like?',
    });
    expect(context.status).toBe(200);
    const body = context.body as {
      memories: { memory: string }[];
      profile: unknown;
      recent_messages: { session_id: string; content: string }[];
    };
    expect(body.memories.map((m) => m.memory)).toEqual(['I like Sichuan cuisine']);
    expect(body.profile).toMatchObject({ nickname: 'Xiao Ming', city: 'Hangzhou', vip_level: 3 });
    expect(body.recent_messages.map((m) => m.content)).toEqual(talk.slice(2).map((m) => m.content));
    expect(new Set(body.recent_messages.map((m) => m.session_id))).toEqual(new Set(['new']));
    const elsewhere = await call(
      'POST',
      '/v1/context/',
      { user_id: 'user_10086', query: 'cuisine' },
      b.api_key,
    );
    expect(elsewhere.body).toMatchObject({
      memories: [{ memory: 'I like sushi' }],
      profile: null,
      recent_messages: [],
    });
  });

  it('records the messages of an add in a session when asked', async () => {
    const added = await call('POST', '/v3/memories/add/', {
      user_id: 'recorder',
      run_id: 'chat-42',
      infer: false,
      record_session: true,
      messages: [
        { role: 'user', content: 'Book me a window seat' },
        { role: 'assistant', content: 'Window seat booked on CA1703' },
      ],
    });
    expect(added).toMatchObject({ status: 200, body: { status: 'SUCCEEDED' } });
    const session = await call('GET', '/v1/structured/sessions/chat-42/messages/');
    expect(session.status).toBe(200);
    expect(JSON.stringify(session.body)).toContain('Window seat booked on CA1703');
    const other = await call(
      'GET',
      '/v1/structured/sessions/chat-42/messages/',
      undefined,
      b.api_key,
    );
    expect(JSON.stringify(other.body)).not.toContain('CA1703');
  });

  it('lets a READER read channel B but not write it nor get credentials', async () => {
    const members = `/api/v1/orgs/organizations/${a.org_id}/projects/${a.project_id}/members/`;
    await call('POST', members, { email: 'reader@example.com', role: 'READER' });
    const created = await call(
      'POST',
      `/api/v1/admin/projects/${a.project_id}/keys/`,
      {
        email: 'reader@example.com',
      },
      adminKey,
    );
    const reader = (created.body as { api_key: string }).api_key;
    expect((await call('POST', '/v1/structured/credentials/', undefined, reader)).status).toBe(403);
    const profile = '/v1/structured/profiles/user_10086/';
    expect((await call('PUT', profile, { city: 'X' }, reader)).status).toBe(403);
    expect((await call('GET', profile, undefined, reader)).body).toMatchObject({
      city: 'Hangzhou',
    });
  });

  it('replays the e-commerce demo against the running stack', async () => {
    const { stdout } = await promisify(execFile)(
      join(workspaceRoot, 'node_modules/.bin/tsx'),
      [join(workspaceRoot, 'tools/demo.ts')],
      {
        cwd: workspaceRoot,
        env: { ...process.env, MNEMO_URL: mnemo.baseUrl, MNEMO_ADMIN_API_KEY: adminKey },
        timeout: 120_000,
      },
    );
    expect(stdout).toContain('Customer: Xiao Ming (VIP 3), lives in Hangzhou');
    expect(stdout).toContain('assistant: Recommend Shuxiangyuan (95 RMB per person)');
    expect(stdout).toMatch(/Sichuan cuisine/);
    expect(stdout).toMatch(/Hangzhou \| .*Sichuan/);
    expect(stdout).toContain('The context carries the nickname, city, cuisine, budget');
  }, 150_000);
});
