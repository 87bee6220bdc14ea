import { z } from 'zod';
import { baseConfigSchema, booleanFlag, databaseConfigSchema } from '@mnemo/config';

const positiveMs = z.coerce.number().int().positive();
const day = 24 * 60 * 60 * 1000;
/** 5s, 5m, 30m, 2h, 5h, 10h, 24h, 24h: about 3 days of retries in all. */
const defaultRetrySchedule = [
  5000,
  300_000,
  1_800_000,
  7_200_000,
  18_000_000,
  36_000_000,
  day,
  day,
];

const msList = z
  .string()
  .transform((raw) => raw.split(',').map((part) => Number(part.trim())))
  .pipe(z.array(z.number().int().positive()).min(1));

export const webhookDispatcherConfigSchema = baseConfigSchema.extend({
  ...databaseConfigSchema.shape,
  MNEMO_WEBHOOKS_PER_PROJECT: z.coerce.number().int().min(1).max(10000).default(100),
  MNEMO_WEBHOOK_TIMEOUT_MS: positiveMs.default(10_000),
  /** delay before each retry; its length is the number of retries after the first attempt */
  MNEMO_WEBHOOK_RETRY_SCHEDULE_MS: msList.default(defaultRetrySchedule),
  MNEMO_WEBHOOK_MAX_CONSECUTIVE_FAILURES: z.coerce.number().int().positive().default(20),
  MNEMO_WEBHOOK_ALLOW_PRIVATE: booleanFlag.default(false),
  MNEMO_WEBHOOK_CONCURRENCY: z.coerce.number().int().positive().default(32),
  MNEMO_WEBHOOK_PER_TARGET_CONCURRENCY: z.coerce.number().int().positive().default(4),
  MNEMO_WEBHOOK_POLL_MS: positiveMs.default(1000),
  /** a claimed delivery is retried by any instance once this passes without an answer */
  MNEMO_WEBHOOK_LEASE_MS: positiveMs.default(60_000),
  /** how long the previous secret still signs after a rotation */
  MNEMO_WEBHOOK_ROTATION_GRACE_MS: positiveMs.default(day),
});

export type WebhookDispatcherConfig = z.output<typeof webhookDispatcherConfigSchema>;
