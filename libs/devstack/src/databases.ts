import { createConnection, type Connection } from 'mysql2/promise';

const NAME_PATTERN = /^[A-Za-z0-9_]{1,64}$/;

/** The URL of another database on the same server (user, password, host and port kept). */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The URL with its password masked, for logs and banners. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** Opens a connection without selecting a database, so it works before the database exists. */
export async function connectToServer(serverUrl: string): Promise<Connection> {
  const url = new URL(serverUrl);
  return createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    connectTimeout: 5000,
  });
}

/** Creates a utf8mb4 database if it is missing and returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const sql = `CREATE DATABASE IF NOT EXISTS \`${checkedName(name)}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;
  await withServer(serverUrl, (connection) => connection.query(sql));
  return databaseUrl(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const sql = `DROP DATABASE IF EXISTS \`${checkedName(name)}\``;
  await withServer(serverUrl, (connection) => connection.query(sql));
}

/** A database name unique enough for one test suite. */
export function uniqueDatabaseName(prefix: string): string {
  const random = Math.random().toString(36).slice(2, 8);
  return `${prefix}_${Date.now().toString(36)}_${random}`;
}

async function withServer<T>(
  serverUrl: string,
  work: (connection: Connection) => Promise<T>,
): Promise<T> {
  const connection = await connectToServer(serverUrl);
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

function checkedName(name: string): string {
  // Names are interpolated into DDL, so only plain identifiers pass.
  if (!NAME_PATTERN.test(name)) throw new Error(`Invalid database name: ${name}`);
  return name;
}
