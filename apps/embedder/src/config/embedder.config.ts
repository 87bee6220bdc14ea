import { z } from 'zod';
import { baseConfigSchema, providerConfigSchema } from '@mnemo/config';

export const embedderConfigSchema = baseConfigSchema
  .extend({
    MNEMO_EMBED_CACHE_SIZE: z.coerce.number().int().min(0).default(20000),
    MNEMO_EMBED_MAX_BATCH: z.coerce.number().int().min(1).max(2048).default(256),
  })
  .and(providerConfigSchema);

export type EmbedderConfig = z.output<typeof embedderConfigSchema>;
