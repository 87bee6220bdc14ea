import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_PORTS } from '@mnemo/devstack';

const port = z.coerce.number().int().min(1).max(65535);
const optionalUrl = (pattern: RegExp, hint: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim() : undefined))
    .pipe(z.string().regex(pattern, hint).optional());

const cliEnvSchema = z.object({
  MNEMO_DATA_DIR: z.string().min(1).default('.data'),
  MNEMO_MYSQL_PORT: port.default(DEFAULT_PORTS.mysql),
  MNEMO_NATS_PORT: port.default(DEFAULT_PORTS.nats),
  MNEMO_HTTP_PORT: port.default(DEFAULT_PORTS.http),
  MNEMO_MYSQL_URL: optionalUrl(/^mysql:\/\/.+/, 'expected mysql://user[:password]@host:port/db'),
  MNEMO_NATS_URL: optionalUrl(/^nats:\/\/.+/, 'expected nats://host:port'),
  MNEMO_MODEL_DIR: z.string().min(1).optional(),
  MNEMO_LOG_LEVEL: z.string().min(1).default('info'),
  PATH: z.string().default(''),
});

export interface CliConfig {
  workspaceRoot: string;
  dataDir: string;
  modelDir: string;
  mysqlPort: number;
  natsPort: number;
  httpPort: number;
  /** Set when the user points Mnemo at servers of their own. */
  mysqlUrl: string | undefined;
  natsUrl: string | undefined;
  logLevel: string;
  pathEnv: string;
  /** Our environment, passed on to the processes we start (provider keys and MNEMO_* included). */
  env: NodeJS.ProcessEnv;
}

/** Reads the CLI's settings from the environment once; every bad key is listed. */
export function loadCliConfig(workspaceRoot: string, env = process.env): CliConfig {
  const parsed = cliEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${issues.join('\n')}`);
  }
  const cfg = parsed.data;
  return {
    workspaceRoot,
    dataDir: resolve(workspaceRoot, cfg.MNEMO_DATA_DIR),
    modelDir: resolve(workspaceRoot, cfg.MNEMO_MODEL_DIR ?? '.cache/models'),
    mysqlPort: cfg.MNEMO_MYSQL_PORT,
    natsPort: cfg.MNEMO_NATS_PORT,
    httpPort: cfg.MNEMO_HTTP_PORT,
    mysqlUrl: cfg.MNEMO_MYSQL_URL,
    natsUrl: cfg.MNEMO_NATS_URL,
    logLevel: cfg.MNEMO_LOG_LEVEL,
    pathEnv: cfg.PATH,
    env: { ...env },
  };
}
