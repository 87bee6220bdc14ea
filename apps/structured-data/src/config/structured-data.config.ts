import { z } from 'zod';
import { baseConfigSchema, databaseConfigSchema, providerConfigSchema } from '@mnemo/config';
import { channelBConfigSchema } from '../channel-b/channel-b.config';

const ms = z.coerce.number().int().positive();

export const structuredDataConfigSchema = baseConfigSchema
  .extend({
    ...databaseConfigSchema.shape,
    ...channelBConfigSchema.shape,
    /** most memories one export, summary or profile reads */
    MNEMO_STRUCTURED_MAX_MEMORIES: z.coerce.number().int().min(1).max(1_000_000).default(10000),
    /** how often each instance looks for queued or abandoned background jobs */
    MNEMO_JOB_SWEEP_MS: ms.default(5000),
    /** a claimed job not finished within this is taken over by another instance */
    MNEMO_JOB_LEASE_MS: ms.default(300000),
    MNEMO_JOB_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
    /** background jobs one instance runs at once */
    MNEMO_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  })
  .and(providerConfigSchema);

export type StructuredDataConfig = z.output<typeof structuredDataConfigSchema>;
