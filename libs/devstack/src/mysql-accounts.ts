import type { ServiceName } from './service-names';

/**
 * The one source of truth for the MySQL accounts of the services: the local stack, the test
 * stack, the load runner and deploy/mariadb all run these statements.
 */

/** Each service's tables (from its migrations) and its TypeORM migrations table, last. */
export const SERVICE_TABLES = {
  gateway: [
    'organizations',
    'projects',
    'api_keys',
    'project_members',
    'add_events',
    'gateway_migrations',
  ],
  'vector-store': [
    'memories',
    'memory_history',
    'applied_writes',
    'memory_outbox',
    'memory_versions',
    'vector_store_migrations',
  ],
  'structured-data': [
    'memory_exports',
    'memory_feedback',
    'user_profile_documents',
    'profile_jobs',
    'profile_settings',
    'structured_data_migrations',
  ],
  'webhook-dispatcher': ['webhooks', 'webhook_deliveries', 'webhook_dispatcher_migrations'],
} as const satisfies Partial<Record<ServiceName, readonly string[]>>;

/** The services that own tables; the extractor and the embedder have none and get no account. */
export type DatabaseService = keyof typeof SERVICE_TABLES;
export const DATABASE_SERVICES = Object.keys(SERVICE_TABLES) as DatabaseService[];

/** DML plus the DDL a service's own migrations run; CREATE lets MySQL grant a missing table. */
export const OWN_TABLE_PRIVILEGES =
  'SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES';

/** The tables of vector-store that structured-data reads as the definer of the memory views. */
export const MEMORY_VIEW_SOURCES = ['memories', 'memory_history'] as const;

const ACCOUNT_SUFFIX: Record<DatabaseService, string> = {
  gateway: 'gateway',
  'vector-store': 'vectors',
  'structured-data': 'structured',
  'webhook-dispatcher': 'webhooks',
};

/**
 * Accounts of earlier releases whose service no longer owns tables (the extractor's `add_events`
 * moved to the gateway): dropped, so an upgraded server keeps no account with nothing to do.
 */
const RETIRED_ACCOUNT_SUFFIXES = ['extractor'] as const;

/** Connections come over TCP, from loopback locally and from other hosts in deployments. */
export const SERVICE_ACCOUNT_HOST = '%';

export interface SqlStatement {
  sql: string;
  params?: string[];
}

export type ServicePasswords = Record<DatabaseService, string>;

/** `<database>_<role>`, e.g. `mnemo_gateway`; never collides with `<database>_p_*` tenants. */
export function serviceAccountName(database: string, service: DatabaseService): string {
  return `${checkedDatabase(database)}_${ACCOUNT_SUFFIX[service]}`;
}

/** Creates (or resets) every service account with exactly its grants on `database`. */
export function serviceAccountStatements(
  database: string,
  passwords: ServicePasswords,
): SqlStatement[] {
  const retired = RETIRED_ACCOUNT_SUFFIXES.map(
    (suffix) => `'${checkedDatabase(database)}_${suffix}'@'${SERVICE_ACCOUNT_HOST}'`,
  );
  const current = DATABASE_SERVICES.flatMap((service) => {
    const account = accountOf(database, service);
    return [
      { sql: `CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ?`, params: [passwords[service]] },
      { sql: `ALTER USER ${account} IDENTIFIED BY ?`, params: [passwords[service]] },
      // An account left from an older release loses whatever it had beyond the list below.
      { sql: `REVOKE ALL PRIVILEGES, GRANT OPTION FROM ${account}` },
      ...grantStatements(database, service).map((sql) => ({ sql })),
    ];
  });
  return [{ sql: `DROP USER IF EXISTS ${retired.join(', ')}` }, ...current];
}

/** The GRANT statements of one service, without the account's creation. */
export function grantStatements(database: string, service: DatabaseService): string[] {
  const account = accountOf(database, service);
  const db = quoteIdentifier(checkedDatabase(database));
  const own = SERVICE_TABLES[service].map(
    (table) => `GRANT ${OWN_TABLE_PRIVILEGES} ON ${db}.${quoteIdentifier(table)} TO ${account}`,
  );
  if (service !== 'structured-data') return own;
  return [
    ...own,
    // Channel B: it creates, alters and drops each project's account...
    `GRANT CREATE USER ON *.* TO ${account}`,
    // ...owns the project schemas and Mnemo's data schemas, and grants a project its own...
    ...(['p', 'd'] as const).map(
      (kind) =>
        `GRANT ALL PRIVILEGES ON ${schemaPattern(database, kind)}.* TO ${account} WITH GRANT OPTION`,
    ),
    // ...and defines the read-only memory views over vector-store's two tables. MySQL grants
    // on a missing table only with CREATE among the privileges, so CREATE is taken back at once.
    ...MEMORY_VIEW_SOURCES.flatMap((table) => {
      const target = `${db}.${quoteIdentifier(table)}`;
      return [
        `GRANT SELECT, CREATE ON ${target} TO ${account}`,
        `REVOKE CREATE ON ${target} FROM ${account}`,
      ];
    }),
  ];
}

export function dropServiceAccountStatements(database: string): SqlStatement[] {
  const accounts = DATABASE_SERVICES.map((service) => accountOf(database, service));
  return [{ sql: `DROP USER IF EXISTS ${accounts.join(', ')}` }];
}

/** `<database>_<kind>_%` for a database-level GRANT, where `_` and `%` are wildcards unless escaped. */
export function schemaPattern(database: string, kind: 'p' | 'd'): string {
  const literal = checkedDatabase(database).replace(/[_%]/g, (c) => `\\${c}`);
  return quoteIdentifier(`${literal}\\_${kind}\\_%`);
}

function accountOf(database: string, service: DatabaseService): string {
  return `'${serviceAccountName(database, service)}'@'${SERVICE_ACCOUNT_HOST}'`;
}

function quoteIdentifier(name: string): string {
  return `\`${name}\``;
}

function checkedDatabase(name: string): string {
  // Interpolated into DDL and account names, so only plain identifiers pass.
  if (!/^[A-Za-z0-9_]{1,48}$/.test(name)) throw new Error(`Invalid database name: ${name}`);
  return name;
}
