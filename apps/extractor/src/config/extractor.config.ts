import { z } from 'zod';
import { baseConfigSchema, providerConfigSchema } from '@mnemo/config';

export const extractorConfigSchema = baseConfigSchema
  .extend({
    /** add jobs running at once (waiting on the LLM, the embedder, the vector-store) */
    MNEMO_EXTRACT_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(128),
    /** add jobs of one project running at once while another project's wait; alone it may use all */
    MNEMO_EXTRACT_CONCURRENCY_PER_PROJECT: z.coerce.number().int().min(1).max(1024).default(32),
    /** add jobs taken from JetStream and held by one instance: running, or waiting for their scope or a slot */
    MNEMO_EXTRACT_MAX_HELD: z.coerce.number().int().min(1).max(10000).default(256),
    /** add jobs delivered and not yet done over every instance; JetStream stops delivering beyond it */
    MNEMO_EXTRACT_MAX_ACK_PENDING: z.coerce.number().int().min(1).max(100000).default(1000),
    MNEMO_EXTRACT_MAX_DELIVER: z.coerce.number().int().min(1).max(100).default(8),
    /** related memories retrieved per fact, as in Mem0 */
    MNEMO_RELATED_PER_FACT: z.coerce.number().int().min(1).max(50).default(5),
  })
  .and(providerConfigSchema);

export type ExtractorConfig = z.output<typeof extractorConfigSchema>;
