import { createHash } from 'node:crypto';
import { DomainError, sqlSpaceProjectIdSchema } from '@mnemo/contracts';

/** MySQL 5.7/8 and TiDB cap account names at 32 characters (MariaDB at 80): fit the smallest. */
export const maxSqlNameLength = 32;
/** Schema names may be 64 long on every MySQL-protocol server. */
const maxSchemaNameLength = 64;
const hashLength = 8;

export interface SqlSpaceNames {
  projectId: string;
  /** the project's own schema: its account creates tables and views there */
  schema: string;
  /** Mnemo's schema of the project's built-in tables: the account may only use their rows */
  dataSchema: string;
  user: string;
}

/**
 * `<database>_p_<project>` (the project's schema and account) and `<database>_d_<project>`
 * (its data schema), lowercase (schema names fold case on some servers), `-` as `_`. A name
 * that had to change or is too long keeps a readable head and ends with a hash of the exact
 * database and project, so two projects never share a name.
 */
export function sqlSpaceNames(mainDatabase: string, projectId: string): SqlSpaceNames {
  if (!sqlSpaceProjectIdSchema.safeParse(projectId).success)
    throw new DomainError('validation_failed', `Project id ${projectId} cannot name a SQL space.`);
  return {
    projectId,
    schema: schemaName(mainDatabase, 'p', projectId),
    dataSchema: schemaName(mainDatabase, 'd', projectId),
    user: boundedName(`${mainDatabase}_p_${projectId}`, maxSqlNameLength),
  };
}

/**
 * Always starts with `<database>_<kind>_`, so the structured-data account's grant on
 * `<database>\_p\_%` (or `\_d\_%`) covers it and never the other kind. Within 32 characters
 * when that keeps the prefix (the names spaces always had), else up to 64.
 */
function schemaName(mainDatabase: string, kind: 'p' | 'd', projectId: string): string {
  const prefix = `${mainDatabase}_${kind}_`;
  const exact = prefix + projectId;
  const short = boundedName(exact, maxSqlNameLength);
  if (short.startsWith(prefix)) return short;
  if (readable(exact) === exact && exact.length <= maxSchemaNameLength) return exact;
  const room = maxSchemaNameLength - prefix.length - hashLength - 1;
  if (room < 0) throw new Error(`the database name ${mainDatabase} is too long to name SQL spaces`);
  return `${prefix}${readable(projectId).slice(0, room)}_${hashOf(exact)}`;
}

/** A checked name as a quoted identifier. */
export function quoteName(name: string): string {
  return `\`${checked(name)}\``;
}

/** A schema name in a database-level GRANT, where `_` and `%` are wildcards unless escaped. */
export function grantSchemaPattern(schema: string): string {
  return `\`${checked(schema).replace(/_/g, '\\_')}\``;
}

export function accountName(user: string, host: string): string {
  if (!/^[a-z0-9_]+$/.test(user) || !/^[A-Za-z0-9.%:_-]+$/.test(host))
    throw new Error(`unsafe account name ${user}@${host}`);
  return `'${user}'@'${host}'`;
}

function boundedName(exact: string, maxLength: number): string {
  const name = readable(exact);
  if (name === exact && name.length <= maxLength) return name;
  return `${name.slice(0, maxLength - hashLength - 1)}_${hashOf(exact)}`;
}

function readable(exact: string): string {
  return exact.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

function hashOf(exact: string): string {
  return createHash('sha256').update(exact).digest('hex').slice(0, hashLength);
}

function checked(name: string): string {
  if (!/^[A-Za-z0-9_$]{1,64}$/.test(name)) throw new Error(`unsafe SQL name ${name}`);
  return name;
}
