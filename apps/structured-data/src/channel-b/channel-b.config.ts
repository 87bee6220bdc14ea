import { z } from 'zod';
import { databaseConfigSchema } from '@mnemo/config';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** Channel B's keys, part of the service's config (parsed once at start with the rest). */
export const channelBConfigSchema = databaseConfigSchema.extend({
  /** what credentials tell clients to connect to; MNEMO_MYSQL_URL's host and port otherwise */
  MNEMO_PUBLIC_MYSQL_HOST: optionalText,
  MNEMO_PUBLIC_MYSQL_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** connections one project's SQL account may hold at once */
  MNEMO_SQL_ACCOUNT_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(10000).default(20),
  /** seconds one statement of a project's SQL account may run (MariaDB); 0 sets no limit */
  MNEMO_SQL_ACCOUNT_MAX_STATEMENT_SECONDS: z.coerce.number().int().min(0).max(86400).default(30),
});
export type ChannelBConfig = z.output<typeof channelBConfigSchema>;

/** What the SQL spaces need, derived once from the config. */
export interface SqlSpaceSettings {
  /** the database holding `memories` and `memory_history` */
  mainDatabase: string;
  publicHost: string;
  publicPort: number;
  maxConnections: number;
  maxStatementSeconds: number;
}

export const SQL_SPACE_SETTINGS = Symbol('SQL_SPACE_SETTINGS');

export function sqlSpaceSettings(config: ChannelBConfig): SqlSpaceSettings {
  const url = new URL(config.MNEMO_MYSQL_URL);
  return {
    mainDatabase: decodeURIComponent(url.pathname.replace(/^\//, '')),
    publicHost:
      config.MNEMO_PUBLIC_MYSQL_HOST ?? (url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1'),
    publicPort: config.MNEMO_PUBLIC_MYSQL_PORT ?? (url.port ? Number(url.port) : 3306),
    maxConnections: config.MNEMO_SQL_ACCOUNT_MAX_CONNECTIONS,
    maxStatementSeconds: config.MNEMO_SQL_ACCOUNT_MAX_STATEMENT_SECONDS,
  };
}
