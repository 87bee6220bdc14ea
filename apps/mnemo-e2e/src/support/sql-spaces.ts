import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import type { MnemoStack } from '@mnemo/testing';

/**
 * Drops the channel-B SQL spaces (both schemas and the accounts) a suite created: they outlive
 * the suite's database, and their names start with it. Only the project accounts go: those
 * granted rows of a data schema, never the services' own accounts.
 */
export async function dropSqlSpaces(mysqlUrl: string, database: string): Promise<void> {
  const server = new URL(mysqlUrl);
  server.pathname = '/';
  const root = await createConnection(server.toString());
  const spaces = ['p', 'd'].map((kind) => `${database.replace(/_/g, '\\_')}\\_${kind}\\_%`);
  try {
    const [users] = await root.query<RowDataPacket[]>(
      'SELECT DISTINCT User AS user, Host AS host FROM mysql.tables_priv WHERE Db LIKE ?',
      [spaces[1]],
    );
    for (const { user, host } of users) await root.query('DROP USER IF EXISTS ?@?', [user, host]);
    const [schemas] = await root.query<RowDataPacket[]>(
      'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ? OR SCHEMA_NAME LIKE ?',
      spaces,
    );
    for (const { name } of schemas) await root.query(`DROP DATABASE \`${String(name)}\``);
  } finally {
    await root.end();
  }
}

export async function sqlRows(
  connection: Connection,
  sql: string,
  params?: unknown[],
): Promise<RowDataPacket[]> {
  const [result] = await connection.query<RowDataPacket[]>(sql, params);
  return result;
}

/** A channel-B suite's teardown: its connections, then its SQL spaces, then the stack. */
export async function stopWithSqlSpaces(
  mnemo: MnemoStack | undefined,
  connections: (Connection | undefined)[],
): Promise<void> {
  for (const connection of connections) await connection?.end().catch(() => undefined);
  if (!mnemo) return;
  await dropSqlSpaces(mnemo.mysqlUrl, mnemo.database);
  await mnemo.stop();
}
