import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { createLogger } from '@mnemo/observability';
import {
  createDatabase,
  dropServiceAccounts,
  provisionServiceAccounts,
  randomServicePasswords,
  SERVICE_TABLES,
  type DatabaseService,
  type ServiceMysqlUrls,
} from '@mnemo/testing';
import { openDatabase } from './database';

// The accounts of libs/devstack/src/mysql-accounts.ts on the test stack's real MariaDB.
const adminUrl = process.env.MNEMO_MYSQL_URL ?? '';
const database = `acct_${Math.random().toString(36).slice(2, 8)}`;
const services = Object.keys(SERVICE_TABLES) as DatabaseService[];
const tenant = `'${database}_p_x'@'%'`;
const logger = createLogger({ service: 'accounts-spec', instanceId: 'spec', level: 'warn' });

/** A schema name as a database-level GRANT takes it literally. */
function escaped(schema: string): string {
  return `\`${schema.replace(/_/g, '\\_')}\``;
}

function migrationsTable(service: DatabaseService): string {
  const tables: readonly string[] = SERVICE_TABLES[service];
  return tables[tables.length - 1];
}

/** Opens the pool as the service would, running its real migrations with its own account. */
function openAs(url: string, service: DatabaseService): Promise<DataSource> {
  return openDatabase({
    url,
    poolSize: 2,
    entities: [],
    migrations: [join(__dirname, `../../../apps/${service}/src/database/migrations/*.ts`)],
    migrationsTableName: migrationsTable(service),
    logger,
    connectTimeoutMs: 2000,
  });
}

async function errorCode(connection: Connection, sql: string): Promise<string | undefined> {
  try {
    await connection.query(sql);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('service MySQL accounts', () => {
  jest.setTimeout(60_000);
  let urls: ServiceMysqlUrls;
  const connections = new Map<DatabaseService, Connection>();
  let admin: Connection;

  beforeAll(async () => {
    await createDatabase(adminUrl, database);
    urls = await provisionServiceAccounts(adminUrl, database, randomServicePasswords());
    admin = await createConnection(adminUrl);
  });

  afterAll(async () => {
    for (const connection of connections.values()) await connection.end();
    for (const kind of ['p', 'd'])
      await admin.query(`DROP DATABASE IF EXISTS ${database}_${kind}_x`);
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`DROP USER IF EXISTS '${database}_p_x'@'%'`);
    await admin.end();
    await dropServiceAccounts(adminUrl, database);
  });

  const conn = (service: DatabaseService) => connections.get(service)!;

  it('lets each service run its own migrations (twice) with its own account', async () => {
    for (const service of services) {
      for (let run = 0; run < 2; run++) {
        const dataSource = await openAs(urls[service], service);
        const applied = await dataSource.query<{ n: number }[]>(
          `SELECT COUNT(*) AS n FROM ${migrationsTable(service)}`,
        );
        expect({ service, applied: Number(applied[0].n) > 0 }).toEqual({ service, applied: true });
        await dataSource.destroy();
      }
      connections.set(service, await createConnection(`${urls[service]}?multipleStatements=false`));
    }
    const [tables] = await admin.query(
      'SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
      [database],
    );
    const expected = services.reduce((sum, s) => sum + SERVICE_TABLES[s].length, 0);
    expect((tables as { n: number }[])[0].n).toBe(expected);
  });

  it.each([
    ['gateway', 'SELECT * FROM memories'],
    ['gateway', 'SELECT * FROM webhooks'],
    ['vector-store', 'SELECT * FROM api_keys'],
    ['gateway', 'SELECT * FROM memory_history'],
    ['webhook-dispatcher', 'SELECT * FROM add_events'],
    ['structured-data', 'SELECT * FROM api_keys'],
    ['structured-data', "INSERT INTO memories (id) VALUES ('x')"],
    ['vector-store', 'DROP TABLE api_keys'],
  ] as [DatabaseService, string][])('refuses %s: %s', async (service, sql) => {
    expect(await errorCode(conn(service), sql)).toBe('ER_TABLEACCESS_DENIED_ERROR');
  });

  it('refuses every service a table of its own invention and another database', async () => {
    for (const service of services) {
      expect(await errorCode(conn(service), 'CREATE TABLE extra (id INT)')).toBe(
        'ER_TABLEACCESS_DENIED_ERROR',
      );
      expect(await errorCode(conn(service), 'SELECT * FROM mysql.user')).toBe(
        'ER_TABLEACCESS_DENIED_ERROR',
      );
      expect(await errorCode(conn(service), `CREATE DATABASE ${database}_other`)).toBe(
        'ER_DBACCESS_DENIED_ERROR',
      );
    }
  });

  it('lets structured-data read the memory tables and manage project schemas and accounts', async () => {
    const sd = conn('structured-data');
    expect(await errorCode(sd, `SELECT id FROM ${database}.memories`)).toBeUndefined();
    expect(await errorCode(sd, `SELECT id FROM ${database}.memory_history`)).toBeUndefined();
    for (const kind of ['p', 'd']) {
      expect(await errorCode(sd, `CREATE DATABASE ${database}_${kind}_x`)).toBeUndefined();
    }
    expect(await errorCode(sd, `CREATE USER '${database}_p_x'@'%' IDENTIFIED BY 'pw'`)).toBe(
      undefined,
    );
    expect(
      await errorCode(sd, `GRANT ALL PRIVILEGES ON ${escaped(`${database}_p_x`)}.* TO ${tenant}`),
    ).toBeUndefined();
  });

  it('keeps structured-data inside its patterns: `_` is literal, nothing global beyond CREATE USER', async () => {
    const sd = conn('structured-data');
    // An unescaped `_` would match any character here.
    expect(await errorCode(sd, `CREATE DATABASE ${database}xpxy`)).toBe('ER_DBACCESS_DENIED_ERROR');
    expect(await errorCode(sd, `CREATE DATABASE ${database}_q_x`)).toBe('ER_DBACCESS_DENIED_ERROR');
    // A pattern with a bare `_` is wider than its own grant, so it may not hand it on.
    expect(await errorCode(sd, `GRANT ALL ON \`${database}\\_p\\_x\`.* TO ${tenant}`)).toBe(
      'ER_DBACCESS_DENIED_ERROR',
    );
    expect(await errorCode(sd, `GRANT FILE ON *.* TO ${tenant}`)).toBe('ER_ACCESS_DENIED_ERROR');
    expect(await errorCode(sd, `GRANT SELECT ON ${database}.memories TO ${tenant}`)).toBe(
      'ER_TABLEACCESS_DENIED_ERROR',
    );
    const [rows] = await sd.query("SELECT LOAD_FILE('/etc/passwd') AS passwd");
    expect(rows).toEqual([{ passwd: null }]);
  });

  it('gives root a password and confines LOAD_FILE to secure_file_priv', async () => {
    const url = new URL(adminUrl);
    expect(url.username).toBe('root');
    expect(url.password).not.toBe('');
    url.password = '';
    await expect(createConnection(url.toString())).rejects.toMatchObject({
      code: 'ER_ACCESS_DENIED_ERROR',
    });
    const [rows] = await admin.query(
      "SELECT @@secure_file_priv AS dir, LOAD_FILE('/etc/passwd') AS passwd",
    );
    const [row] = rows as { dir: string | null; passwd: string | null }[];
    expect(row.dir).toMatch(/secure-file-priv\/$/);
    expect(row.passwd).toBeNull();
  });
});
