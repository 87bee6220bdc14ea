import { createConnection, type RowDataPacket } from 'mysql2/promise';

/**
 * Drops the channel-B SQL spaces (schemas and accounts) a suite created: they outlive the
 * suite's database, and their names start with it.
 */
export async function dropSqlSpaces(mysqlUrl: string, database: string): Promise<void> {
  const server = new URL(mysqlUrl);
  server.pathname = '/';
  const root = await createConnection(server.toString());
  try {
    const [schemas] = await root.query<RowDataPacket[]>(
      'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?',
      [`${database}\\_%`],
    );
    for (const { name } of schemas) await root.query(`DROP DATABASE \`${String(name)}\``);
    const [users] = await root.query<RowDataPacket[]>(
      'SELECT User AS user, Host AS host FROM mysql.user WHERE User LIKE ?',
      [`${database}\\_%`],
    );
    for (const { user, host } of users) await root.query('DROP USER ?@?', [user, host]);
  } finally {
    await root.end();
  }
}
