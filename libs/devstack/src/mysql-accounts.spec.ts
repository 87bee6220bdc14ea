import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DATABASE_SERVICES,
  dropServiceAccountStatements,
  grantStatements,
  schemaPattern,
  SERVICE_TABLES,
  serviceAccountName,
  serviceAccountStatements,
  type ServicePasswords,
} from './mysql-accounts';
import { deployAccountsScript, passwordEnvName } from './mysql-deploy-script';
import { serviceMysqlUrls } from './mysql-provisioning';

const APPS = join(__dirname, '../../../apps');
const passwords: ServicePasswords = {
  gateway: 'pw-g',
  'vector-store': 'pw-v',
  'structured-data': 'pw-s',
  'webhook-dispatcher': 'pw-w',
};
const own = 'SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES';

/** The tables a service's migrations create, and the migrations table its module names. */
function tablesInSource(service: string): string[] {
  const dir = join(APPS, service, 'src/database/migrations');
  const created = readdirSync(dir).flatMap((file) =>
    [...readFileSync(join(dir, file), 'utf8').matchAll(/CREATE TABLE IF NOT EXISTS (\w+)/g)].map(
      (match) => match[1],
    ),
  );
  const sources = [`${service}/src/database/database.module.ts`, `${service}/src/app.module.ts`];
  const migrationsTable = sources
    .map((path) => {
      try {
        return /migrationsTableName: '(\w+)'/.exec(readFileSync(join(APPS, path), 'utf8'))?.[1];
      } catch {
        return undefined;
      }
    })
    .find(Boolean);
  return [...created, migrationsTable ?? 'missing'];
}

describe('service MySQL accounts', () => {
  it.each(DATABASE_SERVICES.map((service) => [service]))(
    'lists exactly the tables the %s migrations create',
    (service) => {
      expect([...SERVICE_TABLES[service]].sort()).toEqual(tablesInSource(service).sort());
    },
  );

  it('names accounts after the database and never like a project account', () => {
    expect(DATABASE_SERVICES.map((s) => serviceAccountName('mnemo', s))).toEqual([
      'mnemo_gateway',
      'mnemo_vectors',
      'mnemo_structured',
      'mnemo_webhooks',
    ]);
    for (const s of DATABASE_SERVICES) expect(serviceAccountName('m', s)).not.toMatch(/^m_[pd]_/);
  });

  it('creates, resets and grants each account its own tables only', () => {
    const statements = serviceAccountStatements('mnemo', passwords);
    expect(statements.slice(0, 5)).toEqual([
      // the extractor's account of earlier releases, when it kept the add events
      { sql: "DROP USER IF EXISTS 'mnemo_extractor'@'%'" },
      { sql: "CREATE USER IF NOT EXISTS 'mnemo_gateway'@'%' IDENTIFIED BY ?", params: ['pw-g'] },
      { sql: "ALTER USER 'mnemo_gateway'@'%' IDENTIFIED BY ?", params: ['pw-g'] },
      { sql: "REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'mnemo_gateway'@'%'" },
      { sql: `GRANT ${own} ON \`mnemo\`.\`organizations\` TO 'mnemo_gateway'@'%'` },
    ]);
    expect(grantStatements('mnemo', 'gateway')).toContain(
      `GRANT ${own} ON \`mnemo\`.\`add_events\` TO 'mnemo_gateway'@'%'`,
    );
    // The extractor owns no table (NATS only), so it gets no account.
    expect(DATABASE_SERVICES).not.toContain('extractor');
  });

  it('gives structured-data CREATE USER, the two schema patterns and SELECT on the memory tables', () => {
    const extra = grantStatements('mnemo_t_1', 'structured-data').slice(6);
    const account = "'mnemo_t_1_structured'@'%'";
    expect(extra).toEqual([
      `GRANT CREATE USER ON *.* TO ${account}`,
      `GRANT ALL PRIVILEGES ON \`mnemo\\_t\\_1\\_p\\_%\`.* TO ${account} WITH GRANT OPTION`,
      `GRANT ALL PRIVILEGES ON \`mnemo\\_t\\_1\\_d\\_%\`.* TO ${account} WITH GRANT OPTION`,
      `GRANT SELECT, CREATE ON \`mnemo_t_1\`.\`memories\` TO ${account}`,
      `REVOKE CREATE ON \`mnemo_t_1\`.\`memories\` FROM ${account}`,
      `GRANT SELECT, CREATE ON \`mnemo_t_1\`.\`memory_history\` TO ${account}`,
      `REVOKE CREATE ON \`mnemo_t_1\`.\`memory_history\` FROM ${account}`,
    ]);
  });

  it('grants nothing global but CREATE USER to structured-data', () => {
    const global = DATABASE_SERVICES.flatMap((s) => grantStatements('mnemo', s)).filter((sql) =>
      sql.includes(' ON *.* '),
    );
    expect(global).toEqual(["GRANT CREATE USER ON *.* TO 'mnemo_structured'@'%'"]);
    const all = serviceAccountStatements('mnemo', passwords)
      .map((s) => s.sql)
      .join('\n');
    expect(all).not.toMatch(/\b(FILE|SUPER|SET USER|PROCESS|RELOAD|SHUTDOWN)\b/);
  });

  it('escapes _ in schema patterns and refuses names that are not plain identifiers', () => {
    expect(schemaPattern('a_b', 'p')).toBe('`a\\_b\\_p\\_%`');
    expect(() => serviceAccountStatements('x`; DROP', passwords)).toThrow(
      'Invalid database name: x`; DROP',
    );
    expect(() => schemaPattern('a%', 'd')).toThrow('Invalid database name: a%');
  });

  it('drops every account of a database at once', () => {
    expect(dropServiceAccountStatements('db')).toEqual([
      {
        sql: "DROP USER IF EXISTS 'db_gateway'@'%', 'db_vectors'@'%', 'db_structured'@'%', 'db_webhooks'@'%'",
      },
    ]);
  });

  it("builds each service's URL from the admin URL's host", () => {
    const urls = serviceMysqlUrls('mysql://root:secret@127.0.0.1:3317/mnemo', 'mnemo', passwords);
    expect(urls.gateway).toBe('mysql://mnemo_gateway:pw-g@127.0.0.1:3317/mnemo');
    expect(urls['webhook-dispatcher']).toBe('mysql://mnemo_webhooks:pw-w@127.0.0.1:3317/mnemo');
  });

  it('renders the deploy script with every password as a checked variable', () => {
    const script = deployAccountsScript();
    expect(passwordEnvName('vector-store')).toBe('MNEMO_DB_PASSWORD_VECTOR_STORE');
    expect(script).toContain(
      "CREATE USER IF NOT EXISTS 'mnemo_vectors'@'%' IDENTIFIED BY '@MNEMO_DB_PASSWORD_VECTOR_STORE@';",
    );
    expect(script).toContain("cat <<'SQL_END'");
    expect(script).not.toContain('?');
  });
});
