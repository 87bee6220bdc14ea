import { accountName, grantSchemaPattern, quoteName, type SqlSpaceNames } from './sql-names';

export interface Statement {
  sql: string;
  params?: unknown[];
}

/** Where a project's account may connect from: `localhost` too, or an anonymous user would win. */
export const accountHosts = ['%', 'localhost'] as const;
const definerHost = 'localhost';

export const memoryViewColumns = [
  'id',
  'memory',
  'user_id',
  'agent_id',
  'app_id',
  'run_id',
  'metadata',
  'categories',
  'created_at',
  'updated_at',
  'expiration_date',
] as const;

export const historyViewColumns = [
  'id',
  'memory_id',
  'old_memory',
  'new_memory',
  'event',
  'created_at',
] as const;

/** The definer of every memory view: it can read the two tables and log in nowhere. */
export function definerStatements(mainDatabase: string, definer: string): Statement[] {
  const account = accountName(definer, definerHost);
  return [
    { sql: `CREATE USER IF NOT EXISTS ${account} ACCOUNT LOCK` },
    { sql: `GRANT SELECT ON ${quoteName(mainDatabase)}.\`memories\` TO ${account}` },
    { sql: `GRANT SELECT ON ${quoteName(mainDatabase)}.\`memory_history\` TO ${account}` },
  ];
}

export function schemaStatements(
  names: SqlSpaceNames,
  mainDatabase: string,
  definer: string,
): Statement[] {
  const schema = quoteName(names.schema);
  return [
    {
      sql: `CREATE DATABASE IF NOT EXISTS ${schema} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    },
    memoryView(names, mainDatabase, definer, 'memories', memoryViewColumns),
    memoryView(names, mainDatabase, definer, 'memory_history', historyViewColumns),
    { sql: userProfilesTable(schema) },
    { sql: sessionMessagesTable(schema) },
  ];
}

/** The account, created with a password nobody knows until credentials are issued. */
export function accountStatements(
  names: SqlSpaceNames,
  initialPassword: string,
  maxConnections: number,
): Statement[] {
  return accountHosts.flatMap((host) => {
    const account = accountName(names.user, host);
    return [
      {
        sql: `CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ? WITH MAX_USER_CONNECTIONS ${maxConnections}`,
        params: [initialPassword],
      },
      { sql: `GRANT ALL PRIVILEGES ON ${grantSchemaPattern(names.schema)}.* TO ${account}` },
    ];
  });
}

export function passwordStatements(
  names: SqlSpaceNames,
  password: string,
  maxConnections: number,
): Statement[] {
  return accountHosts.map((host) => ({
    sql: `ALTER USER ${accountName(names.user, host)} IDENTIFIED BY ? WITH MAX_USER_CONNECTIONS ${maxConnections}`,
    params: [password],
  }));
}

export function dropStatements(names: SqlSpaceNames): Statement[] {
  const accounts = accountHosts.map((host) => accountName(names.user, host)).join(', ');
  return [
    { sql: `DROP USER IF EXISTS ${accounts}` },
    { sql: `DROP DATABASE IF EXISTS ${quoteName(names.schema)}` },
  ];
}

/**
 * Read-only twice over: the definer may only SELECT, so writes through the view fail; and
 * TEMPTABLE makes the view non-updatable and keeps the project's account from locking rows
 * (or gaps next to other projects' rows) of the shared table.
 */
function memoryView(
  names: SqlSpaceNames,
  mainDatabase: string,
  definer: string,
  table: 'memories' | 'memory_history',
  columns: readonly string[],
): Statement {
  return {
    sql:
      `CREATE OR REPLACE ALGORITHM = TEMPTABLE DEFINER = ${accountName(definer, definerHost)} ` +
      `SQL SECURITY DEFINER VIEW ${quoteName(names.schema)}.\`${table}\` AS ` +
      `SELECT ${columns.map((column) => `\`${column}\``).join(', ')} ` +
      `FROM ${quoteName(mainDatabase)}.\`${table}\` WHERE \`project_id\` = ?`,
    params: [names.projectId],
  };
}

function userProfilesTable(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${schema}.\`user_profiles\` (
    user_id VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
    nickname VARCHAR(255) NULL,
    city VARCHAR(255) NULL,
    vip_level INT NULL,
    attributes JSON NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (user_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;
}

function sessionMessagesTable(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${schema}.\`session_messages\` (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    session_id VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
    user_id VARCHAR(255) COLLATE utf8mb4_bin NULL,
    role VARCHAR(32) NOT NULL,
    content MEDIUMTEXT NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    KEY session_messages_session (session_id, id),
    KEY session_messages_user (user_id, id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;
}
