import { createHash } from 'node:crypto';
import type { Connection, RowDataPacket } from 'mysql2/promise';

/** Where one project's rows live: its rows in the shared tables and its own channel-B schema. */
export interface TenantRows {
  orgId: string;
  projectId: string;
  /** The project's channel-B schema, every table of which is the project's. */
  space?: string;
}

/** One hash per table holding rows of the project: a changed hash names the changed table. */
export type TenantDigest = Record<string, string>;

// Bookkeeping that moves without the data changing: key use and the outbox relay.
const volatileColumns = new Set(['last_used_at', 'sent_at', 'attempts', 'last_error']);

/** Reads every row the project owns, straight from the database, and hashes it per table. */
export async function tenantDigest(
  sql: Connection,
  database: string,
  rows: TenantRows,
): Promise<TenantDigest> {
  const digest: TenantDigest = {};
  const [scoped] = await sql.query<RowDataPacket[]>(
    `SELECT c.TABLE_NAME AS name FROM information_schema.COLUMNS c
     JOIN information_schema.TABLES t
       ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
     WHERE c.TABLE_SCHEMA = ? AND c.COLUMN_NAME = 'project_id' AND t.TABLE_TYPE = 'BASE TABLE'`,
    [database],
  );
  const selects: [string, string, unknown[]][] = [
    ...scoped.map(({ name }): [string, string, unknown[]] => [
      String(name),
      `SELECT * FROM \`${database}\`.\`${String(name)}\` WHERE project_id = ?`,
      [rows.projectId],
    ]),
    ['projects', `SELECT * FROM \`${database}\`.projects WHERE id = ?`, [rows.projectId]],
    ['organizations', `SELECT * FROM \`${database}\`.organizations WHERE id = ?`, [rows.orgId]],
  ];
  if (rows.space) {
    const [tables] = await sql.query<RowDataPacket[]>(
      `SELECT TABLE_NAME AS name FROM information_schema.TABLES
       WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'`,
      [rows.space],
    );
    for (const { name } of tables) {
      selects.push([
        `${rows.space}.${String(name)}`,
        `SELECT * FROM \`${rows.space}\`.\`${String(name)}\``,
        [],
      ]);
    }
  }
  for (const [table, statement, params] of selects) {
    const [found] = await sql.query<RowDataPacket[]>(statement, params);
    digest[table] = hashRows(found);
  }
  return digest;
}

/** The tables whose rows differ between two digests. */
export function changedTables(before: TenantDigest, after: TenantDigest): string[] {
  const tables = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...tables].filter((table) => before[table] !== after[table]).sort();
}

function hashRows(rows: RowDataPacket[]): string {
  const lines = rows
    .map((row) =>
      JSON.stringify(Object.entries(row).filter(([column]) => !volatileColumns.has(column))),
    )
    .sort();
  return `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
}
