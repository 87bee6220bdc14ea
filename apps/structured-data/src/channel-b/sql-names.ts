import { createHash } from 'node:crypto';
import { DomainError, sqlSpaceProjectIdSchema } from '@mnemo/contracts';

/** MySQL 5.7/8 and TiDB cap account names at 32 characters (MariaDB at 80): fit the smallest. */
export const maxSqlNameLength = 32;

export interface SqlSpaceNames {
  projectId: string;
  /** the project's schema, also the name of its account */
  schema: string;
  user: string;
}

/**
 * `<database>_p_<project>`, lowercase (schema names fold case on some servers), `-` as `_`.
 * A name that had to change or is too long keeps a readable head and ends with a hash of the
 * exact database and project, so two projects never share a name.
 */
export function sqlSpaceNames(mainDatabase: string, projectId: string): SqlSpaceNames {
  if (!sqlSpaceProjectIdSchema.safeParse(projectId).success)
    throw new DomainError('validation_failed', `Project id ${projectId} cannot name a SQL space.`);
  const name = boundedName(`${mainDatabase}_p_${projectId}`);
  return { projectId, schema: name, user: name };
}

/** The locked account that owns every memory view of a main database: it may only read. */
export function viewsDefinerName(mainDatabase: string): string {
  return boundedName(`${mainDatabase}_views`);
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

function boundedName(exact: string): string {
  const readable = exact.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (readable === exact && readable.length <= maxSqlNameLength) return readable;
  const hash = createHash('sha256').update(exact).digest('hex').slice(0, 8);
  return `${readable.slice(0, maxSqlNameLength - hash.length - 1)}_${hash}`;
}

function checked(name: string): string {
  if (!/^[A-Za-z0-9_$]{1,64}$/.test(name)) throw new Error(`unsafe SQL name ${name}`);
  return name;
}
