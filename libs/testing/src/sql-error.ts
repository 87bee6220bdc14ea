import type { Connection } from 'mysql2/promise';

/** The MySQL error of a statement (its code, or its number when mysql2 has no name for it). */
export async function sqlError(connection: Connection, sql: string): Promise<string | undefined> {
  try {
    await connection.query(sql);
    return undefined;
  } catch (err) {
    const { code, errno } = err as { code?: string; errno?: number };
    return code ?? String(errno);
  }
}
