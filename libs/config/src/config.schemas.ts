import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveMs = z.coerce.number().int().positive();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const mysqlUrl = z
  .string()
  .regex(/^mysql:\/\/.+/, 'expected mysql://user[:password]@host:port/database');
const natsUrl = z.string().regex(/^(nats|tls):\/\/.+/, 'expected nats://host:port');
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value));

/** Keys every service reads. */
export const baseConfigSchema = z.object({
  MNEMO_NATS_URL: natsUrl.default('nats://127.0.0.1:4233'),
  MNEMO_LOG_LEVEL: z
    .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
    .default('info'),
  MNEMO_INSTANCE_ID: z.string().min(1).default(`${hostname()}-${process.pid}`),
  MNEMO_METRICS_PORT: port.optional(),
  /** where the metrics port listens; containers set 0.0.0.0 so Prometheus can scrape them */
  MNEMO_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  MNEMO_REQUEST_TIMEOUT_MS: positiveMs.default(5000),
  MNEMO_SHUTDOWN_GRACE_MS: positiveMs.default(10000),
  /** replicas of every JetStream stream and KV bucket; at most the NATS cluster's size */
  MNEMO_JETSTREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
});

export const databaseConfigSchema = z.object({
  MNEMO_MYSQL_URL: mysqlUrl.default('mysql://root@127.0.0.1:3317/mnemo'),
  MNEMO_MYSQL_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
});

export const providerKinds = ['local', 'openai'] as const;
export type ProviderKind = (typeof providerKinds)[number];

/** LLM and embedding providers: `openai` when a key is set, otherwise the offline `local` ones. */
export const providerConfigSchema = z
  .object({
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalString.pipe(z.string().url().optional()),
    MNEMO_LLM_PROVIDER: z.enum(providerKinds).optional(),
    MNEMO_EMBEDDER_PROVIDER: z.enum(providerKinds).optional(),
    MNEMO_LLM_MODEL: z.string().min(1).default('gpt-4.1-mini'),
    MNEMO_EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
    MNEMO_EMBEDDING_DIMS: z.coerce.number().int().positive().max(8192).optional(),
    MNEMO_LLM_TIMEOUT_MS: positiveMs.default(60000),
    MNEMO_MODEL_DIR: z.string().min(1).default(resolve(process.cwd(), '.cache/models')),
  })
  .transform((raw) => {
    const fallback: ProviderKind = raw.OPENAI_API_KEY ? 'openai' : 'local';
    return {
      ...raw,
      MNEMO_LLM_PROVIDER: raw.MNEMO_LLM_PROVIDER ?? fallback,
      MNEMO_EMBEDDER_PROVIDER: raw.MNEMO_EMBEDDER_PROVIDER ?? fallback,
    };
  })
  .superRefine((cfg, ctx) => {
    const needsKey =
      cfg.MNEMO_LLM_PROVIDER === 'openai' || cfg.MNEMO_EMBEDDER_PROVIDER === 'openai';
    if (needsKey && !cfg.OPENAI_API_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPENAI_API_KEY'],
        message: 'required when an openai provider is selected',
      });
    }
  });

export const httpConfigSchema = z.object({
  MNEMO_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  MNEMO_HTTP_PORT: port.default(8000),
  MNEMO_ADMIN_API_KEY: optionalString,
  MNEMO_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024),
  MNEMO_SYNC_ADD_TIMEOUT_MS: positiveMs.default(60000),
  /** `/metrics` on the API port for anyone; otherwise the admin key's, and off without one */
  MNEMO_METRICS_PUBLIC: bool.default(false),
});

export { bool as booleanFlag };
