import { z } from 'zod';
import { baseConfigSchema, databaseConfigSchema } from '@mnemo/config';

export const webhookDispatcherConfigSchema = baseConfigSchema.extend({
  ...databaseConfigSchema.shape,
  MNEMO_WEBHOOKS_PER_PROJECT: z.coerce.number().int().min(1).max(10000).default(100),
});

export type WebhookDispatcherConfig = z.output<typeof webhookDispatcherConfigSchema>;
