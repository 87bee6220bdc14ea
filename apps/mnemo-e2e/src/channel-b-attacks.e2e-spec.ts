import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import type { SqlCredentials } from '@mnemo/contracts';
import { startMnemo, type MnemoStack, sqlError } from '@mnemo/testing';
import { http } from './http';
import { createPlatformProject, type PlatformProject } from './support/platform-project';
import { sqlRows as rows, stopWithSqlSpaces } from './support/sql-spaces';

const adminKey = 'channel-b-attacks-admin-key';
const secretOfB = 'The vault code of B is 4711';
const userId = 'user_10086';
/** MariaDB's ER_STATEMENT_TIMEOUT, which mysql2 knows by number only. */
const statementTimeout = '1969';

/**
 * Replays issue 9's escalation: project A, with its key and its channel-B account, tries to
 * make the services run its SQL with their privileges, to read B's memories, read a server
 * file and forge an API key.
 */
describe('channel B attacks: a project cannot escalate through its SQL account', () => {
  let mnemo: MnemoStack;
  let root: Connection;
  let a: PlatformProject;
  let b: PlatformProject;
  let ofA: SqlCredentials;
  let sqlA: Connection;
  let dataA: string;
  const open: Connection[] = [];

  const call = (method: string, path: string, body?: unknown, key = a.api_key) =>
    http(mnemo.baseUrl, method, path, body, { authorization: `Token ${key}` });
  const createProject = (name: string) => createPlatformProject(mnemo.baseUrl, adminKey, name);
  const connectAs = async (credentials: SqlCredentials): Promise<Connection> => {
    const connection = await createConnection(credentials);
    open.push(connection);
    return connection;
  };
  /** The planted function forges keys of B: counted with the test's own root connection. */
  const keysOfB = async () => {
    const sql = `SELECT COUNT(*) AS n FROM ${mnemo.database}.api_keys WHERE project_id = ?`;
    return Number((await rows(root, sql, [b.project_id]))[0]?.n);
  };

  beforeAll(async () => {
    mnemo = await startMnemo({
      services: ['gateway', 'extractor', 'embedder', 'vector-store', 'structured-data'],
      env: { MNEMO_ADMIN_API_KEY: adminKey, MNEMO_SQL_ACCOUNT_MAX_STATEMENT_SECONDS: '1' },
    });
    const server = new URL(mnemo.mysqlUrl);
    server.pathname = '/';
    root = await createConnection(server.toString());
    a = await createProject('attacker');
    b = await createProject('victim');
    const memories = [
      [a, 'I like Sichuan cuisine'],
      [b, secretOfB],
    ] as const;
    for (const [project, content] of memories) {
      const message = { role: 'user', content };
      const added = await call(
        'POST',
        '/v3/memories/add/',
        { user_id: userId, infer: false, messages: [message] },
        project.api_key,
      );
      expect(added.body).toMatchObject({ status: 'SUCCEEDED' });
    }
    const profile = { nickname: 'Xiao Ming', city: 'Hangzhou', vip_level: 3 };
    expect((await call('PUT', `/v1/structured/profiles/${userId}/`, profile)).status).toBe(201);
    const messages = [{ role: 'user', content: 'Book a table for two' }];
    const appended = await call('POST', '/v1/structured/sessions/s-a/messages/', {
      user_id: userId,
      messages,
    });
    expect(appended.status).toBe(201);
    const issued = await call('POST', '/v1/structured/credentials/');
    expect(issued.status).toBe(200);
    ofA = issued.body as SqlCredentials;
    sqlA = await connectAs(ofA);
    dataA = `${mnemo.database}_d_${a.project_id}`;
  }, 180_000);

  afterAll(() => stopWithSqlSpaces(mnemo, [...open, root]));

  it('refuses every statement that would drop, replace or redefine a built-in table', async () => {
    const table = 'ER_TABLEACCESS_DENIED_ERROR';
    const attempts: [string, string][] = [
      [`DROP TABLE ${dataA}.user_profiles`, table],
      [`DROP VIEW ${dataA}.user_profiles`, table],
      [`RENAME TABLE ${dataA}.user_profiles TO ${ofA.database}.stolen`, table],
      [`CREATE OR REPLACE SQL SECURITY INVOKER VIEW ${dataA}.user_profiles AS SELECT 1`, table],
      [`CREATE SQL SECURITY INVOKER VIEW ${dataA}.evil AS SELECT 1`, table],
      [`ALTER TABLE ${dataA}.session_messages ADD COLUMN note TEXT`, table],
      [`TRUNCATE TABLE ${dataA}.session_messages`, table],
      [`CREATE INDEX by_city ON ${dataA}.user_profiles (city)`, table],
      [
        `CREATE TRIGGER ${dataA}.spy BEFORE INSERT ON ${dataA}.user_profiles FOR EACH ROW SET @x = 1`,
        table,
      ],
      [`CREATE FUNCTION ${dataA}.evil() RETURNS INT RETURN 1`, 'ER_DBACCESS_DENIED_ERROR'],
      [`DROP DATABASE ${dataA}`, 'ER_DBACCESS_DENIED_ERROR'],
    ];
    const refusals = await Promise.all(attempts.map(([sql]) => sqlError(sqlA, sql)));
    expect(refusals).toEqual(attempts.map(([, code]) => code));
    expect(await rows(sqlA, `SELECT city FROM ${dataA}.user_profiles`)).toEqual([
      { city: 'Hangzhou' },
    ]);
  });

  it('refuses routines, events, triggers, another definer and grants in its own schema', async () => {
    await sqlA.query('CREATE TABLE orders (id INT PRIMARY KEY, user_id VARCHAR(64))');
    const schema = 'ER_DBACCESS_DENIED_ERROR';
    const attempts: [string, string][] = [
      [
        'CREATE FUNCTION evil() RETURNS TEXT SQL SECURITY INVOKER ' +
          `RETURN (SELECT GROUP_CONCAT(memory) FROM ${mnemo.database}.memories)`,
        schema,
      ],
      ['CREATE PROCEDURE evil() SQL SECURITY INVOKER SELECT 1', schema],
      ['CREATE EVENT forever ON SCHEDULE EVERY 1 SECOND DO SELECT 1', schema],
      [
        'CREATE TRIGGER spy BEFORE INSERT ON orders FOR EACH ROW SET @x = 1',
        'ER_TABLEACCESS_DENIED_ERROR',
      ],
      ['CREATE DEFINER = root@localhost VIEW mine AS SELECT 1', 'ER_SPECIFIC_ACCESS_DENIED_ERROR'],
      ['ALTER VIEW memories AS SELECT 1 AS id', 'ER_SPECIFIC_ACCESS_DENIED_ERROR'],
      [
        `CREATE OR REPLACE VIEW memories AS SELECT * FROM ${mnemo.database}.memories`,
        'ER_TABLEACCESS_DENIED_ERROR',
      ],
      [`GRANT SELECT ON ${ofA.database}.* TO '${ofA.user}'@'localhost'`, schema],
      [
        `INSERT INTO ${mnemo.database}.api_keys (id) VALUES ('forged')`,
        'ER_TABLEACCESS_DENIED_ERROR',
      ],
    ];
    const refusals = await Promise.all(attempts.map(([sql]) => sqlError(sqlA, sql)));
    expect(refusals).toEqual(attempts.map(([, code]) => code));
    expect(await rows(sqlA, "SELECT LOAD_FILE('/etc/passwd') AS file")).toEqual([{ file: null }]);
  });

  it('kills a statement of the account that runs over its time limit', async () => {
    expect(await sqlError(sqlA, 'SELECT SLEEP(5)')).toBe(statementTimeout);
    const limits = await rows(
      root,
      'SELECT max_statement_time AS seconds FROM mysql.user WHERE User = ?',
      [ofA.user],
    );
    expect(limits).toEqual([{ seconds: '1.000000' }, { seconds: '1.000000' }]);
  });

  it('lets the project replace its own views of the built-in tables, read by no service', async () => {
    await sqlA.query('DROP VIEW user_profiles');
    await sqlA.query(
      "CREATE SQL SECURITY INVOKER VIEW user_profiles AS SELECT 'planted' AS user_id, " +
        "'planted' AS nickname, 'planted' AS city, 0 AS vip_level",
    );
    await sqlA.query(
      "CREATE OR REPLACE VIEW session_messages AS SELECT 1 AS id, 'planted' AS content",
    );
    expect(await call('GET', `/v1/structured/profiles/${userId}/`)).toMatchObject({
      status: 200,
      body: { nickname: 'Xiao Ming', city: 'Hangzhou' },
    });
    const session = await call('GET', '/v1/structured/sessions/s-a/messages/');
    expect(session.body).toMatchObject({ messages: [{ content: 'Book a table for two' }] });
  });

  it('never runs a planted INVOKER function, even one the account could not have made', async () => {
    await plantEscalation();
    const keysBefore = await keysOfB();
    const answers = [
      await call('GET', `/v1/structured/profiles/${userId}/`),
      await call('PATCH', `/v1/structured/profiles/${userId}/`, { vip_level: 4 }),
      await call('GET', '/v1/structured/sessions/s-a/messages/'),
      await call('POST', '/v1/structured/sessions/s-a/messages/', {
        user_id: userId,
        messages: [{ role: 'assistant', content: 'Booked at Shuxiangyuan' }],
      }),
      await call('POST', '/v1/context/', { user_id: userId, query: 'What does the user like?' }),
      await call('POST', '/v3/memories/add/', {
        user_id: userId,
        run_id: 's-a',
        infer: false,
        record_session: true,
        messages: [{ role: 'user', content: 'I prefer a window seat' }],
      }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 201, 200, 200]);
    for (const answer of answers) {
      expect(JSON.stringify(answer.body)).not.toContain('4711');
      expect(JSON.stringify(answer.body)).not.toContain('root:');
      expect(JSON.stringify(answer.body)).not.toContain('planted');
    }
    expect(answers[4]?.body).toMatchObject({
      memories: [{ memory: 'I like Sichuan cuisine' }],
      profile: { nickname: 'Xiao Ming', city: 'Hangzhou', vip_level: 4 },
    });
    const session = await call('GET', '/v1/structured/sessions/s-a/messages/');
    expect((session.body as { messages: { content: string }[] }).messages).toEqual([
      expect.objectContaining({ content: 'Book a table for two' }),
      expect.objectContaining({ content: 'Booked at Shuxiangyuan' }),
      expect.objectContaining({ content: 'I prefer a window seat' }),
    ]);
    expect(await keysOfB()).toBe(keysBefore);
    const views = await rows(
      root,
      'SELECT VIEW_DEFINITION AS body FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?',
      [ofA.database],
    );
    expect(views.filter((view) => String(view.body).includes('`evil`()'))).toHaveLength(2);
  });

  it('drops both schemas and the account with the project, running nothing of it', async () => {
    const keysBefore = await keysOfB();
    const path = `/api/v1/orgs/organizations/${a.org_id}/projects/${a.project_id}/`;
    expect((await call('DELETE', path)).status).toBe(200);
    const left = await rows(
      root,
      'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (?, ?)',
      [ofA.database, dataA],
    );
    expect(left).toEqual([]);
    expect(await rows(root, 'SELECT Host FROM mysql.user WHERE User = ?', [ofA.user])).toEqual([]);
    expect(await keysOfB()).toBe(keysBefore);
    const victim = await call('GET', '/v1/ping/', undefined, b.api_key);
    expect(victim.status).toBe(200);
  });

  /**
   * Issue 9's payload, planted with the test's root connection because A's account may no
   * longer create routines: A's views over an INVOKER function that reads B's memories, reads a
   * server file and inserts an API key. Armed: run by a privileged reader it would leak B.
   */
  async function plantEscalation(): Promise<void> {
    const db = mnemo.database;
    await root.query(
      `CREATE DEFINER = '${ofA.user}'@'%' FUNCTION \`${ofA.database}\`.evil() RETURNS TEXT
       SQL SECURITY INVOKER MODIFIES SQL DATA
       BEGIN
         INSERT INTO \`${db}\`.api_keys (id, org_id, project_id, key_hash, prefix, created_at)
           VALUES (UUID(), ?, ?, SHA2(UUID(), 256), 'forged', NOW(3));
         RETURN CONCAT_WS(' | ',
           (SELECT GROUP_CONCAT(memory) FROM \`${db}\`.memories WHERE project_id = ?),
           LOAD_FILE('/etc/passwd'));
       END`,
      [b.org_id, b.project_id, b.project_id],
    );
    const user = `'${userId}' AS user_id`;
    const evil = `\`${ofA.database}\`.evil()`;
    const views = {
      user_profiles: `${user}, ${evil} AS nickname, ${evil} AS city, 9 AS vip_level`,
      session_messages: `1 AS id, 's-a' AS session_id, ${user}, ${evil} AS content`,
    };
    for (const [view, columns] of Object.entries(views)) {
      await root.query(
        `CREATE OR REPLACE DEFINER = '${ofA.user}'@'%' SQL SECURITY INVOKER
         VIEW \`${ofA.database}\`.${view} AS SELECT ${columns}`,
      );
    }
    await root.query('START TRANSACTION');
    const [armed] = await root.query<RowDataPacket[]>(`SELECT ${evil} AS loot`);
    await root.query('ROLLBACK');
    expect(String(armed[0]?.loot)).toContain(secretOfB);
  }
});
