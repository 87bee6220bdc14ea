import { accountStatements, passwordStatements } from './sql-account.statements';
import { sqlSpaceNames } from './sql-names';

const names = sqlSpaceNames('mnemo', 'shop_a');

describe(accountStatements.name, () => {
  const statements = accountStatements(names, 'initial', {
    maxConnections: 20,
    maxStatementSeconds: 30,
  }).map((statement) => statement.sql);

  it('grants the project schema an explicit list without code, triggers or events', () => {
    const grants = statements.filter((sql) => sql.includes('`mnemo\\_p\\_shop\\_a`.*'));
    expect(grants).toContain(
      "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, CREATE VIEW, SHOW VIEW, CREATE TEMPORARY TABLES, LOCK TABLES, REFERENCES ON `mnemo\\_p\\_shop\\_a`.* TO 'mnemo_p_shop_a'@'%'",
    );
    expect(grants).toContain(
      "REVOKE CREATE ROUTINE, ALTER ROUTINE, EXECUTE, EVENT, TRIGGER ON `mnemo\\_p\\_shop\\_a`.* FROM 'mnemo_p_shop_a'@'%'",
    );
    expect(statements.join('\n')).not.toContain('ALL PRIVILEGES');
  });

  it('grants only the rows of the two data tables', () => {
    expect(statements.filter((sql) => sql.includes('`mnemo_d_shop_a`'))).toEqual(
      ['%', 'localhost'].flatMap((host) =>
        ['user_profiles', 'session_messages'].map(
          (table) =>
            `GRANT SELECT, INSERT, UPDATE, DELETE ON \`mnemo_d_shop_a\`.\`${table}\` TO 'mnemo_p_shop_a'@'${host}'`,
        ),
      ),
    );
  });

  it('limits connections and statement time on creation and on every provisioning', () => {
    expect(statements.filter((sql) => sql.endsWith('MAX_STATEMENT_TIME 30'))).toEqual([
      "CREATE USER IF NOT EXISTS 'mnemo_p_shop_a'@'%' IDENTIFIED BY ? WITH MAX_USER_CONNECTIONS 20 MAX_STATEMENT_TIME 30",
      "ALTER USER 'mnemo_p_shop_a'@'%' WITH MAX_USER_CONNECTIONS 20 MAX_STATEMENT_TIME 30",
      "CREATE USER IF NOT EXISTS 'mnemo_p_shop_a'@'localhost' IDENTIFIED BY ? WITH MAX_USER_CONNECTIONS 20 MAX_STATEMENT_TIME 30",
      "ALTER USER 'mnemo_p_shop_a'@'localhost' WITH MAX_USER_CONNECTIONS 20 MAX_STATEMENT_TIME 30",
    ]);
  });
});

describe(passwordStatements.name, () => {
  it('keeps the limits on rotation, and leaves the statement time out when it is 0', () => {
    const limited = passwordStatements(names, 'secret', {
      maxConnections: 5,
      maxStatementSeconds: 2,
    });
    expect(limited[0]).toEqual({
      sql: "ALTER USER 'mnemo_p_shop_a'@'%' IDENTIFIED BY ? WITH MAX_USER_CONNECTIONS 5 MAX_STATEMENT_TIME 2",
      params: ['secret'],
    });
    const portable = passwordStatements(names, 'secret', {
      maxConnections: 5,
      maxStatementSeconds: 0,
    });
    expect(portable[0]?.sql).toBe(
      "ALTER USER 'mnemo_p_shop_a'@'%' IDENTIFIED BY ? WITH MAX_USER_CONNECTIONS 5",
    );
  });
});
