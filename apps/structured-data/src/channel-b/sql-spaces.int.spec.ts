import { createConnection, type Connection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import type { SqlCredentials } from '@mnemo/contracts';
import { sqlError } from '@mnemo/testing';
import { channelBConfigSchema, sqlSpaceSettings, type SqlSpaceSettings } from './channel-b.config';
import { SqlSpacesRepository } from './sql-spaces.repository';
import { SqlSpacesService } from './sql-spaces.service';

const serverUrl = process.env.MNEMO_MYSQL_URL ?? '';
// Short, so the space names stay exact and one differs from the other only where `_` is.
const mainDatabase = `chb_${Math.random().toString(36).slice(2, 8)}`;
const projectA = 'team_a';
const projectB = 'teamxa';

async function connectAs(credentials: SqlCredentials): Promise<Connection> {
  return createConnection({ ...credentials, multipleStatements: false });
}

/** Exactly what the structured-data account is granted in deployments (see the README). */
function serviceGrants(account: string): string {
  const pattern = (kind: string) => `\`${mainDatabase.replace(/_/g, '\\_')}\\_${kind}\\_%\``;
  return `GRANT CREATE USER ON *.* TO ${account};
    GRANT ALL PRIVILEGES ON ${pattern('p')}.* TO ${account} WITH GRANT OPTION;
    GRANT ALL PRIVILEGES ON ${pattern('d')}.* TO ${account} WITH GRANT OPTION;
    GRANT SELECT ON ${mainDatabase}.memories TO ${account};
    GRANT SELECT ON ${mainDatabase}.memory_history TO ${account};`;
}

describe(SqlSpacesService.name, () => {
  let root: Connection;
  let dataSource: DataSource;
  let spaces: SqlSpacesService;
  let a: SqlCredentials;
  let b: SqlCredentials;
  let asA: Connection;
  let asB: Connection;

  beforeAll(async () => {
    if (!serverUrl) throw new Error('MNEMO_MYSQL_URL is not set: run the tests with `npm test`');
    const url = new URL(serverUrl);
    url.pathname = '/';
    root = await createConnection({ uri: url.toString(), multipleStatements: true });
    url.pathname = `/${mainDatabase}`;
    await root.query(`CREATE DATABASE ${mainDatabase}; USE ${mainDatabase};
      CREATE TABLE memories (project_id VARCHAR(64) NOT NULL, id CHAR(36) NOT NULL,
        memory TEXT NOT NULL, user_id VARCHAR(255) COLLATE utf8mb4_bin NULL,
        agent_id VARCHAR(255) NULL, app_id VARCHAR(255) NULL, run_id VARCHAR(255) NULL,
        metadata JSON NULL, categories JSON NULL, embedding MEDIUMBLOB NULL,
        expiration_date DATE NULL, created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL, PRIMARY KEY (project_id, id));
      CREATE TABLE memory_history (project_id VARCHAR(64) NOT NULL, id CHAR(36) NOT NULL,
        memory_id CHAR(36) NOT NULL, old_memory TEXT NULL, new_memory TEXT NULL,
        event VARCHAR(8) NOT NULL, created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (project_id, id));
      INSERT INTO memories VALUES
        ('team_a', 'm1', 'Likes Sichuan cuisine', 'u1', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         NOW(3), NOW(3)),
        ('teamxa', 'm2', 'Likes sushi', 'u1', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         NOW(3), NOW(3));
      INSERT INTO memory_history VALUES ('team_a', 'h1', 'm1', NULL, 'Likes Sichuan cuisine',
        'ADD', NOW(3))`);
    for (const host of ['%', 'localhost']) {
      const service = `'${mainDatabase}_sd'@'${host}'`;
      await root.query(`CREATE USER ${service} IDENTIFIED BY 'sd-pw'; ${serviceGrants(service)}`);
    }
    url.username = `${mainDatabase}_sd`;
    url.password = 'sd-pw';
    dataSource = await new DataSource({
      type: 'mysql',
      url: url.toString(),
      timezone: 'Z',
    }).initialize();
    const settings: SqlSpaceSettings = sqlSpaceSettings(
      channelBConfigSchema.parse({
        MNEMO_MYSQL_URL: url.toString(),
        MNEMO_MYSQL_POOL_SIZE: '2',
        MNEMO_SQL_ACCOUNT_MAX_CONNECTIONS: '5',
        MNEMO_SQL_ACCOUNT_MAX_STATEMENT_SECONDS: '1',
      }),
    );
    spaces = new SqlSpacesService(new SqlSpacesRepository(dataSource, settings), settings);
    a = await spaces.issueCredentials(projectA);
    b = await spaces.issueCredentials(projectB);
    asA = await connectAs(a);
    asB = await connectAs(b);
  }, 60_000);

  afterAll(async () => {
    await asA?.end();
    await asB?.end();
    for (const project of [projectA, projectB]) await spaces?.drop(project);
    await root?.query(
      `DROP USER IF EXISTS '${mainDatabase}_sd'@'%', '${mainDatabase}_sd'@'localhost'`,
    );
    await root?.query(`DROP DATABASE IF EXISTS ${mainDatabase}`);
    await root?.end();
    await dataSource?.destroy();
  });

  it('names the schema and the account after the main database and the project', () => {
    const url = new URL(serverUrl);
    expect(a).toEqual({
      host: url.hostname,
      port: Number(url.port),
      user: `${mainDatabase}_p_team_a`,
      password: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      database: `${mainDatabase}_p_team_a`,
    });
  });

  it('shows the project only its own memories and their history through the views', async () => {
    const [memories] = await asA.query('SELECT id, memory, user_id FROM memories');
    expect(memories).toEqual([{ id: 'm1', memory: 'Likes Sichuan cuisine', user_id: 'u1' }]);
    const [history] = await asA.query('SELECT memory_id, event FROM memory_history');
    expect(history).toEqual([{ memory_id: 'm1', event: 'ADD' }]);
    const [other] = await asB.query('SELECT id FROM memories');
    expect(other).toEqual([{ id: 'm2' }]);
    expect(await asB.query('SELECT id FROM memory_history').then(([rows]) => rows)).toEqual([]);
  });

  it('lets the account create, fill and join its own tables with its memories', async () => {
    await asA.query('CREATE TABLE orders (id INT PRIMARY KEY, user_id VARCHAR(255), total INT)');
    await asA.query("INSERT INTO orders VALUES (1, 'u1', 95)");
    await asA.query(
      "INSERT INTO user_profiles (user_id, city) VALUES ('u1', 'Hangzhou') " +
        'ON DUPLICATE KEY UPDATE city = VALUES(city)',
    );
    const [rows] = await asA.query(
      `SELECT p.city, m.memory, o.total FROM user_profiles p
       JOIN memories m ON m.user_id = p.user_id JOIN orders o ON o.user_id = p.user_id`,
    );
    expect(rows).toEqual([{ city: 'Hangzhou', memory: 'Likes Sichuan cuisine', total: 95 }]);
  });

  it('refuses writes and locks through the views', async () => {
    const refusals = await Promise.all(
      [
        "INSERT INTO memories (id, memory, created_at, updated_at) VALUES ('x', 'x', NOW(), NOW())",
        "UPDATE memories SET memory = 'changed'",
        'DELETE FROM memories',
        'DELETE FROM memory_history',
        'LOCK TABLES memories WRITE',
      ].map((sql) => sqlError(asA, sql)),
    );
    expect(refusals).toEqual([
      'ER_NON_INSERTABLE_TABLE',
      'ER_NON_UPDATABLE_TABLE',
      'ER_NON_UPDATABLE_TABLE',
      'ER_NON_UPDATABLE_TABLE',
      'ER_VIEW_INVALID',
    ]);
    const [rows] = await root.query(`SELECT memory FROM ${mainDatabase}.memories ORDER BY id`);
    expect(rows).toEqual([{ memory: 'Likes Sichuan cuisine' }, { memory: 'Likes sushi' }]);
  });

  it('keeps the view definitions out of reach of the account', async () => {
    expect(
      await sqlError(
        asA,
        `CREATE OR REPLACE VIEW memories AS SELECT * FROM ${mainDatabase}.memories`,
      ),
    ).toBe('ER_TABLEACCESS_DENIED_ERROR');
  });

  it('refuses the main tables and the other project schema', async () => {
    expect(await sqlError(asA, `SELECT * FROM ${mainDatabase}.memories`)).toBe(
      'ER_TABLEACCESS_DENIED_ERROR',
    );
    expect(await sqlError(asA, `SELECT * FROM ${b.database}.user_profiles`)).toBe(
      'ER_TABLEACCESS_DENIED_ERROR',
    );
    expect(await sqlError(asA, `USE ${b.database}`)).toBe('ER_DBACCESS_DENIED_ERROR');
    expect(await sqlError(asB, `CREATE TABLE ${a.database}.stolen (id INT)`)).toBe(
      'ER_TABLEACCESS_DENIED_ERROR',
    );
    const [schemas] = await asA.query('SHOW DATABASES');
    const names = (schemas as { Database: string }[]).map((row) => row.Database);
    expect(names).toContain(a.database);
    expect(names).not.toContain(b.database);
    expect(names).not.toContain(mainDatabase);
  });

  it('rotates the password: the old one stops working, the new one works', async () => {
    const rotated = await spaces.issueCredentials(projectA);
    expect(rotated.password).not.toBe(a.password);
    await expect(connectAs(a)).rejects.toMatchObject({ code: 'ER_ACCESS_DENIED_ERROR' });
    const fresh = await connectAs(rotated);
    const [rows] = await fresh.query('SELECT COUNT(*) AS n FROM memories');
    expect(rows).toEqual([{ n: 1 }]);
    await fresh.end();
    a = rotated;
  });

  it('puts a dropped view back when credentials are issued again', async () => {
    const owner = await connectAs(a);
    await owner.query('DROP VIEW memories');
    a = await spaces.issueCredentials(projectA);
    const again = await connectAs(a);
    const [rows] = await again.query('SELECT id FROM memories');
    expect(rows).toEqual([{ id: 'm1' }]);
    await owner.end();
    await again.end();
  });

  it('keeps the built-in tables out of reach of the account: rows only', async () => {
    const data = `${mainDatabase}_d_team_a`;
    const table = 'ER_TABLEACCESS_DENIED_ERROR';
    const schema = 'ER_DBACCESS_DENIED_ERROR';
    const attempts: [string, string][] = [
      [`DROP TABLE ${data}.user_profiles`, table],
      [`ALTER TABLE ${data}.session_messages ADD COLUMN x INT`, table],
      [`RENAME TABLE ${data}.user_profiles TO ${data}.gone`, table],
      [`CREATE OR REPLACE VIEW ${data}.user_profiles AS SELECT 1 AS user_id`, table],
      [
        `CREATE TRIGGER ${data}.t BEFORE INSERT ON ${data}.user_profiles FOR EACH ROW SET @x = 1`,
        table,
      ],
      [`CREATE TABLE ${data}.extra (id INT)`, table],
      [`DROP DATABASE ${data}`, schema],
      ['CREATE FUNCTION f() RETURNS INT RETURN 1', schema],
      ['CREATE EVENT e ON SCHEDULE EVERY 1 HOUR DO SELECT 1', schema],
      ['CREATE TRIGGER t BEFORE INSERT ON orders FOR EACH ROW SET @x = 1', table],
    ];
    const refusals = await Promise.all(attempts.map(([sql]) => sqlError(asA, sql)));
    expect(refusals).toEqual(attempts.map(([, code]) => code));
    const [rows] = await asA.query(`SELECT city FROM ${data}.user_profiles`);
    expect(rows).toEqual([{ city: 'Hangzhou' }]);
  });

  it('stops a statement of the account at its time limit', async () => {
    expect(await sqlError(asA, 'SELECT SLEEP(5)')).toBe('1969');
    const [limits] = await root.query(
      'SELECT Host AS host, max_statement_time AS seconds, max_user_connections AS connections ' +
        'FROM mysql.user WHERE User = ? ORDER BY Host',
      [a.user],
    );
    expect(limits).toEqual([
      { host: '%', seconds: '1.000000', connections: 5 },
      { host: 'localhost', seconds: '1.000000', connections: 5 },
    ]);
  });

  it('writes through the data schema when the project replaced its views', async () => {
    const owner = await connectAs(a);
    await owner.query('DROP VIEW session_messages');
    await owner.query('CREATE OR REPLACE VIEW user_profiles AS SELECT 1 AS user_id');
    const written = await spaces.withDataSchema(projectA, (schema) =>
      dataSource.query(`INSERT INTO ${schema}.session_messages (session_id, role, content)
        VALUES ('s1', 'user', 'hello')`),
    );
    expect(written).toMatchObject({ affectedRows: 1 });
    a = await spaces.issueCredentials(projectA);
    const again = await connectAs(a);
    const [messages] = await again.query('SELECT content FROM session_messages');
    expect(messages).toEqual([{ content: 'hello' }]);
    const [profiles] = await again.query('SELECT city FROM user_profiles');
    expect(profiles).toEqual([{ city: 'Hangzhou' }]);
    await owner.end();
    await again.end();
  });

  it('sets aside the tables and takes back the rights of a space made before the data schema', async () => {
    await root.query(`DROP VIEW ${b.database}.user_profiles`);
    await root.query(`CREATE TABLE ${b.database}.user_profiles (user_id VARCHAR(255) PRIMARY KEY)`);
    await root.query(`INSERT INTO ${b.database}.user_profiles VALUES ('old')`);
    await root.query(`GRANT ALL PRIVILEGES ON \`${b.database.replace(/_/g, '\\_')}\`.* TO ?@'%'`, [
      b.user,
    ]);
    b = await spaces.issueCredentials(projectB);
    const owner = await connectAs(b);
    expect(await sqlError(owner, 'CREATE FUNCTION f() RETURNS INT RETURN 1')).toBe(
      'ER_DBACCESS_DENIED_ERROR',
    );
    const [kept] = await owner.query('SELECT user_id FROM user_profiles_legacy');
    expect(kept).toEqual([{ user_id: 'old' }]);
    const [current] = await owner.query('SELECT user_id FROM user_profiles');
    expect(current).toEqual([]);
    await owner.end();
  });
});
