import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { connectToServer } from './databases';
import {
  DATABASE_SERVICES,
  dropServiceAccountStatements,
  serviceAccountName,
  serviceAccountStatements,
  type DatabaseService,
  type ServicePasswords,
  type SqlStatement,
} from './mysql-accounts';

/** Each table-owning service's own `MNEMO_MYSQL_URL`. */
export type ServiceMysqlUrls = Record<DatabaseService, string>;

/** What the local stack keeps in its 0600 credentials file. */
export interface StoredCredentials {
  root?: string;
  /** Service account passwords by account name. */
  accounts: Record<string, string>;
}

/** URL-safe, so it goes into a mysql:// URL and a shell script unescaped. */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

export function randomServicePasswords(): ServicePasswords {
  return Object.fromEntries(
    DATABASE_SERVICES.map((service) => [service, generatePassword()]),
  ) as ServicePasswords;
}

/** Runs the statements one by one over an admin connection. */
export async function runStatements(adminUrl: string, statements: SqlStatement[]): Promise<void> {
  const connection = await connectToServer(adminUrl);
  try {
    for (const statement of statements) await connection.query(statement.sql, statement.params);
  } finally {
    await connection.end();
  }
}

/** Creates or resets the service accounts of `database` and returns each one's URL. */
export async function provisionServiceAccounts(
  adminUrl: string,
  database: string,
  passwords: ServicePasswords,
): Promise<ServiceMysqlUrls> {
  await runStatements(adminUrl, serviceAccountStatements(database, passwords));
  return serviceMysqlUrls(adminUrl, database, passwords);
}

export async function dropServiceAccounts(adminUrl: string, database: string): Promise<void> {
  await runStatements(adminUrl, dropServiceAccountStatements(database));
}

/** The admin URL's host and port, each service's account and password, and `database`. */
export function serviceMysqlUrls(
  adminUrl: string,
  database: string,
  passwords: ServicePasswords,
): ServiceMysqlUrls {
  const server = new URL(adminUrl);
  const urlOf = (service: DatabaseService) => {
    const url = new URL(`mysql://${server.host}/${database}`);
    url.username = serviceAccountName(database, service);
    url.password = passwords[service];
    return url.toString();
  };
  return Object.fromEntries(
    DATABASE_SERVICES.map((service) => [service, urlOf(service)]),
  ) as ServiceMysqlUrls;
}

/** The stored passwords of `database`'s accounts, generating (and storing) the missing ones. */
export async function storedServicePasswords(
  file: string,
  database: string,
): Promise<ServicePasswords> {
  const stored = await readCredentials(file);
  const passwords = Object.fromEntries(
    DATABASE_SERVICES.map((service) => {
      const name = serviceAccountName(database, service);
      return [service, (stored.accounts[name] ??= generatePassword())];
    }),
  ) as ServicePasswords;
  await writeCredentials(file, stored);
  return passwords;
}

export async function readCredentials(file: string): Promise<StoredCredentials> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<StoredCredentials>;
    return { root: parsed.root, accounts: { ...parsed.accounts } };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { accounts: {} };
    throw error;
  }
}

/** Only the owner may read it: it holds the root password. */
export async function writeCredentials(
  file: string,
  credentials: StoredCredentials,
): Promise<void> {
  await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created; an older file is tightened too.
  await chmod(file, 0o600);
}

/** The accounts of the admin URL's database, with passwords kept in the local stack's file. */
export async function provisionLocalAccounts(
  adminDatabaseUrl: string,
  credentialsFile: string,
): Promise<ServiceMysqlUrls> {
  const database = new URL(adminDatabaseUrl).pathname.replace(/^\//, '');
  const passwords = await storedServicePasswords(credentialsFile, database);
  return provisionServiceAccounts(adminDatabaseUrl, database, passwords);
}
