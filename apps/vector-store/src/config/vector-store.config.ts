import { z } from 'zod';
import { baseConfigSchema, databaseConfigSchema } from '@mnemo/config';

export const vectorStoreConfigSchema = baseConfigSchema.extend({
  ...databaseConfigSchema.shape,
  MNEMO_WRITE_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  MNEMO_WRITE_MAX_DELIVER: z.coerce.number().int().min(1).max(100).default(8),
  MNEMO_SEARCH_CANDIDATE_LIMIT: z.coerce.number().int().min(100).default(100000),
  MNEMO_SEARCH_FUSION: z.enum(['minmax', 'mem0']).default('minmax'),
  MNEMO_SEARCH_SEMANTIC_WEIGHT: z.coerce.number().min(0).max(10).default(0.5),
  MNEMO_SEARCH_KEYWORD_WEIGHT: z.coerce.number().min(0).max(10).default(0.5),
});

export type VectorStoreConfig = z.output<typeof vectorStoreConfigSchema>;
