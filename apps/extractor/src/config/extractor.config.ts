import { z } from 'zod';
import { baseConfigSchema, databaseConfigSchema, providerConfigSchema } from '@mnemo/config';

export const extractorConfigSchema = baseConfigSchema
  .extend({
    ...databaseConfigSchema.shape,
    MNEMO_EXTRACT_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
    /** add jobs of one project running at once while another project's wait; alone it may use all */
    MNEMO_EXTRACT_CONCURRENCY_PER_PROJECT: z.coerce.number().int().min(1).max(256).default(4),
    MNEMO_EXTRACT_MAX_DELIVER: z.coerce.number().int().min(1).max(100).default(5),
    /** related memories retrieved per fact, as in Mem0 */
    MNEMO_RELATED_PER_FACT: z.coerce.number().int().min(1).max(50).default(5),
  })
  .and(providerConfigSchema);

export type ExtractorConfig = z.output<typeof extractorConfigSchema>;
