import { accountName, grantSchemaPattern, quoteName, type SqlSpaceNames } from './sql-names';
import { dataTableNames, type Statement } from './sql-space.statements';

/** Where a project's account may connect from: `localhost` too, or an anonymous user would win. */
export const accountHosts = ['%', 'localhost'] as const;

/**
 * What a project's account may do in its own schema: keep tables, indexes and views. No
 * routines, triggers or events: no service ever runs the project's code, and an event would
 * run scheduled work forever.
 */
export const projectSchemaPrivileges = [
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'DROP',
  'ALTER',
  'INDEX',
  'CREATE VIEW',
  'SHOW VIEW',
  'CREATE TEMPORARY TABLES',
  'LOCK TABLES',
  'REFERENCES',
] as const;

/** Taken back from accounts made when a project had ALL PRIVILEGES on its schema. */
const withdrawnPrivileges = ['CREATE ROUTINE', 'ALTER ROUTINE', 'EXECUTE', 'EVENT', 'TRIGGER'];

/** Rows only, in Mnemo's data tables: no DDL, so the project can neither replace nor redefine them. */
export const dataTablePrivileges = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const;

export interface AccountLimits {
  maxConnections: number;
  /** 0: no limit set (servers without MAX_STATEMENT_TIME) */
  maxStatementSeconds: number;
}

/** The account, created with a password nobody knows until credentials are issued. */
export function accountStatements(
  names: SqlSpaceNames,
  initialPassword: string,
  limits: AccountLimits,
): Statement[] {
  const schema = grantSchemaPattern(names.schema);
  return accountHosts.flatMap((host) => {
    const account = accountName(names.user, host);
    return [
      {
        sql: `CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ? ${limitsClause(limits)}`,
        params: [initialPassword],
      },
      { sql: `ALTER USER ${account} ${limitsClause(limits)}` },
      { sql: `GRANT ${projectSchemaPrivileges.join(', ')} ON ${schema}.* TO ${account}` },
      { sql: `REVOKE ${withdrawnPrivileges.join(', ')} ON ${schema}.* FROM ${account}` },
      ...dataTableNames.map((table) => ({
        sql:
          `GRANT ${dataTablePrivileges.join(', ')} ON ` +
          `${quoteName(names.dataSchema)}.${quoteName(table)} TO ${account}`,
      })),
    ];
  });
}

export function passwordStatements(
  names: SqlSpaceNames,
  password: string,
  limits: AccountLimits,
): Statement[] {
  return accountHosts.map((host) => ({
    sql: `ALTER USER ${accountName(names.user, host)} IDENTIFIED BY ? ${limitsClause(limits)}`,
    params: [password],
  }));
}

/** Pure DDL: dropping an account, a schema or its tables runs none of the project's objects. */
export function dropStatements(names: SqlSpaceNames): Statement[] {
  const accounts = accountHosts.map((host) => accountName(names.user, host)).join(', ');
  return [
    { sql: `DROP USER IF EXISTS ${accounts}` },
    { sql: `DROP DATABASE IF EXISTS ${quoteName(names.schema)}` },
    { sql: `DROP DATABASE IF EXISTS ${quoteName(names.dataSchema)}` },
  ];
}

/** MAX_STATEMENT_TIME is MariaDB's; MySQL 8 and TiDB refuse it (set 0 there). */
function limitsClause({ maxConnections, maxStatementSeconds }: AccountLimits): string {
  const statementTime = maxStatementSeconds > 0 ? ` MAX_STATEMENT_TIME ${maxStatementSeconds}` : '';
  return `WITH MAX_USER_CONNECTIONS ${maxConnections}${statementTime}`;
}
