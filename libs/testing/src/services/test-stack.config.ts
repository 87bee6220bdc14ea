import { resolve } from 'node:path';
import { z } from 'zod';

const echoLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

const testStackEnvSchema = z.object({
  MNEMO_MYSQL_URL: z
    .string({ message: 'is not set: run the tests with `npm test`, which starts MariaDB and NATS' })
    .regex(/^mysql:\/\/.+/, 'expected mysql://user[:password]@host:port/db'),
  MNEMO_NATS_URL: z.string().optional(),
  MNEMO_MODEL_DIR: z.string().optional(),
  MNEMO_TEST_DATA_DIR: z.string().optional(),
  /** Echo the services' log lines at or above this level into the test output. */
  MNEMO_TEST_ECHO: z.enum(echoLevels).optional(),
  PATH: z.string().default(''),
});

export interface TestStackConfig {
  workspaceRoot: string;
  mysqlServerUrl: string;
  sharedNatsUrl: string | undefined;
  modelDir: string;
  dataDir: string | undefined;
  echo: (typeof echoLevels)[number] | undefined;
  pathEnv: string;
  /** Passed on to the services, minus what only concerns the test runner. */
  baseEnv: NodeJS.ProcessEnv;
}

/** What `npm test` hands to the test processes, read once per suite. */
export function loadTestStackConfig(env = process.env): TestStackConfig {
  const parsed = testStackEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    throw new Error(`startMnemo: ${issues.join('; ')}`);
  }
  const workspaceRoot = resolve(__dirname, '../../../..');
  const baseEnv = { ...env };
  delete baseEnv.JEST_WORKER_ID;
  // Services run as in production, not in jest's NODE_ENV=test.
  if (baseEnv.NODE_ENV === 'test') delete baseEnv.NODE_ENV;
  return {
    workspaceRoot,
    mysqlServerUrl: parsed.data.MNEMO_MYSQL_URL,
    sharedNatsUrl: parsed.data.MNEMO_NATS_URL,
    modelDir: parsed.data.MNEMO_MODEL_DIR ?? resolve(workspaceRoot, '.cache/models'),
    dataDir: parsed.data.MNEMO_TEST_DATA_DIR,
    echo: parsed.data.MNEMO_TEST_ECHO,
    pathEnv: parsed.data.PATH,
    baseEnv,
  };
}
