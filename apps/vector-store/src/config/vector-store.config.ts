import { z } from 'zod';
import { baseConfigSchema, databaseConfigSchema } from '@mnemo/config';

export const vectorStoreConfigSchema = baseConfigSchema.extend({
  ...databaseConfigSchema.shape,
  MNEMO_WRITE_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  MNEMO_WRITE_MAX_DELIVER: z.coerce.number().int().min(1).max(100).default(8),
  MNEMO_SEARCH_CANDIDATE_LIMIT: z.coerce.number().int().min(100).default(100000),
});

export type VectorStoreConfig = z.output<typeof vectorStoreConfigSchema>;
