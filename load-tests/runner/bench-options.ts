import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SERVICE_NAMES, isServiceName, type ServiceName } from '@mnemo/devstack';

export const BENCH_USAGE = `Usage: npx tsx load-tests/run.ts [options]   (or: npm run bench -- [options])
  --duration <s>        seconds per scenario (default: each scenario's own, see runner/scenarios.ts)
  --warmup <s>          uncounted warm-up before each scenario (default 3, 0 to skip)
  --scenario <name>     run only this scenario; repeat for several
  --memories <n>        memories to seed (default from scenarios.ts)
  --scopes <n>          users they are spread over (default from scenarios.ts)
  --connections <n>     every stream of the chosen scenarios at n connections (the scenario is
                        reported as <name>@c<n>, its own targets not judged)
  --seed <how>          api (adds through the gateway, default) or direct (rows written straight
                        into the vector-store's table with the embedder's vectors; large seeds)
  --embedder <kind>     local (GloVe, 100-d, default) or fake-openai (a fake OpenAI-compatible
                        server in the runner, 1536-d)
  --instances <list>    service instances, e.g. vector-store=2,embedder=2 (default one each)
  --log-level <level>   services' MNEMO_LOG_LEVEL (default info)
  --out <dir>           report directory (default load-tests/reports)
  --keep-data           keep the temp dir (logs, data) or the database made on MNEMO_MYSQL_URL
  --fail-on-target      exit 1 when a target fails
Environment: MNEMO_MYSQL_URL uses that server (a fresh database on it) instead of starting
MariaDB; MNEMO_MODEL_DIR is the GloVe cache; other MNEMO_* keys are passed to the services.`;

export interface BenchOptions {
  help: boolean;
  durationSeconds: number | undefined;
  warmupSeconds: number;
  scenarios: string[] | undefined;
  memories: number | undefined;
  scopes: number | undefined;
  connections: number | undefined;
  seed: 'api' | 'direct';
  embedder: 'local' | 'fake-openai';
  instances: Record<ServiceName, number>;
  logLevel: string;
  outDir: string;
  keepData: boolean;
  failOnTarget: boolean;
  mysqlUrl: string | undefined;
  modelDir: string;
  pathEnv: string;
  serviceEnv: Record<string, string>;
}

const seconds = z.coerce.number().int().min(0).max(3600);
const count = z.coerce.number().int().min(1).max(10_000_000);
const argsSchema = z.object({
  help: z.boolean().default(false),
  duration: seconds.min(1).optional(),
  warmup: seconds.default(3),
  scenario: z.array(z.string().min(1)).optional(),
  memories: count.optional(),
  scopes: count.optional(),
  connections: z.coerce.number().int().min(1).max(1024).optional(),
  seed: z.enum(['api', 'direct']).default('api'),
  embedder: z.enum(['local', 'fake-openai']).default('local'),
  instances: z.string().optional(),
  'log-level': z.enum(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
  out: z.string().min(1).optional(),
  'keep-data': z.boolean().default(false),
  'fail-on-target': z.boolean().default(false),
});
const envSchema = z.object({
  MNEMO_MYSQL_URL: z
    .string()
    .regex(/^mysql:\/\/.+/, 'expected mysql://user[:password]@host:port[/db]')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MNEMO_MODEL_DIR: z.string().min(1).optional(),
  PATH: z.string().default(''),
});

// Set by the runner itself, or secrets that must not reach a benchmark.
const NOT_PASSED_ON = new Set(['MNEMO_ADMIN_API_KEY', 'MNEMO_INSTANCE_ID']);

export function parseBenchOptions(
  argv: string[],
  env: NodeJS.ProcessEnv,
  workspaceRoot: string,
): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      scenario: { type: 'string', multiple: true },
      memories: { type: 'string' },
      scopes: { type: 'string' },
      connections: { type: 'string' },
      seed: { type: 'string' },
      embedder: { type: 'string' },
      instances: { type: 'string' },
      'log-level': { type: 'string' },
      out: { type: 'string' },
      'keep-data': { type: 'boolean' },
      'fail-on-target': { type: 'boolean' },
    },
  });
  const args = argsSchema.parse(values);
  const vars = envSchema.parse(env);
  return {
    help: args.help,
    durationSeconds: args.duration,
    warmupSeconds: args.warmup,
    scenarios: args.scenario,
    memories: args.memories,
    scopes: args.scopes,
    connections: args.connections,
    seed: args.seed,
    embedder: args.embedder,
    instances: parseInstances(args.instances),
    logLevel: args['log-level'],
    outDir: resolve(workspaceRoot, args.out ?? 'load-tests/reports'),
    keepData: args['keep-data'],
    failOnTarget: args['fail-on-target'],
    mysqlUrl: vars.MNEMO_MYSQL_URL,
    modelDir: resolve(workspaceRoot, vars.MNEMO_MODEL_DIR ?? '.cache/models'),
    pathEnv: vars.PATH,
    serviceEnv: Object.fromEntries(
      Object.entries(env).filter(
        (entry): entry is [string, string] =>
          entry[0].startsWith('MNEMO_') && !NOT_PASSED_ON.has(entry[0]) && entry[1] !== undefined,
      ),
    ),
  };
}

/** `vector-store=2,embedder=2` on top of one instance of every service. */
export function parseInstances(list: string | undefined): Record<ServiceName, number> {
  const instances = Object.fromEntries(SERVICE_NAMES.map((name) => [name, 1])) as Record<
    ServiceName,
    number
  >;
  for (const item of (list ?? '').split(',').filter((part) => part.trim() !== '')) {
    const [name, raw] = item.split('=').map((part) => part.trim());
    const value = Number(raw);
    if (!name || !isServiceName(name) || !Number.isInteger(value) || value < 1 || value > 16) {
      throw new Error(`--instances: expected <service>=<1..16>, got "${item}"`);
    }
    instances[name] = value;
  }
  return instances;
}
