import { z } from 'zod';
import { baseConfigSchema, httpConfigSchema, providerConfigSchema } from '@mnemo/config';

export const gatewayConfigSchema = baseConfigSchema
  .extend({
    ...httpConfigSchema.shape,
    MNEMO_DEFAULT_PROJECT_ID: z.string().min(1).max(64).default('default'),
  })
  .and(providerConfigSchema);

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
