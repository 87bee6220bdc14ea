import { quoteName, type SqlSpaceNames } from './sql-names';

export interface Statement {
  sql: string;
  params?: unknown[];
}

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

/** Mnemo's tables in the data schema; the project's schema shows each under the same name. */
export const dataTables = {
  user_profiles: [
    'user_id',
    'nickname',
    'city',
    'vip_level',
    'attributes',
    'created_at',
    'updated_at',
  ],
  session_messages: ['id', 'session_id', 'user_id', 'role', 'content', 'created_at'],
} as const;
export type DataTable = keyof typeof dataTables;
export const dataTableNames = Object.keys(dataTables) as DataTable[];

/** Both schemas, the memory views and the data tables; idempotent. */
export function schemaStatements(names: SqlSpaceNames, mainDatabase: string): Statement[] {
  const data = quoteName(names.dataSchema);
  return [
    ...[names.schema, names.dataSchema].map((schema) => ({
      sql: `CREATE DATABASE IF NOT EXISTS ${quoteName(schema)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    })),
    memoryView(names, mainDatabase, 'memories', memoryViewColumns),
    memoryView(names, mainDatabase, 'memory_history', historyViewColumns),
    { sql: userProfilesTable(data) },
    { sql: sessionMessagesTable(data) },
  ];
}

/**
 * The project's `user_profiles` and `session_messages`: views over the data tables that run
 * with the reader's own privileges. The project may replace them: services never read them.
 */
export function compatibilityViewStatements(names: SqlSpaceNames): Statement[] {
  return dataTableNames.map((table) => ({
    sql:
      `CREATE OR REPLACE ALGORITHM = MERGE DEFINER = CURRENT_USER SQL SECURITY INVOKER ` +
      `VIEW ${quoteName(names.schema)}.${quoteName(table)} AS ` +
      `SELECT ${dataTables[table].map((column) => quoteName(column)).join(', ')} ` +
      `FROM ${quoteName(names.dataSchema)}.${quoteName(table)}`,
  }));
}

/** A base table of the project's schema in the way of a view, kept under another name. */
export function setAsideStatement(names: SqlSpaceNames, table: DataTable): Statement {
  const schema = quoteName(names.schema);
  return {
    sql: `RENAME TABLE ${schema}.${quoteName(table)} TO ${schema}.${quoteName(setAsideName(table))}`,
  };
}

export function setAsideName(table: DataTable): string {
  return `${table}_legacy`;
}

/**
 * Read-only twice over: defined by the structured-data account, which may only SELECT the two
 * tables, so writes through the view fail; and TEMPTABLE makes the view non-updatable and
 * keeps the project's account from locking rows (or gaps next to other projects' rows) of the
 * shared table. Its body reads no object the project can define.
 */
function memoryView(
  names: SqlSpaceNames,
  mainDatabase: string,
  table: 'memories' | 'memory_history',
  columns: readonly string[],
): Statement {
  return {
    sql:
      `CREATE OR REPLACE ALGORITHM = TEMPTABLE DEFINER = CURRENT_USER ` +
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
