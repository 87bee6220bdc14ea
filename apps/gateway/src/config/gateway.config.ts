import { z } from 'zod';
import {
  baseConfigSchema,
  databaseConfigSchema,
  httpConfigSchema,
  providerConfigSchema,
} from '@mnemo/config';
import { trustProxySchema } from './trust-proxy';

export const gatewayConfigSchema = baseConfigSchema
  .extend({
    ...httpConfigSchema.shape,
    ...databaseConfigSchema.shape,
    MNEMO_DEFAULT_PROJECT_ID: z.string().min(1).max(64).default('default'),
    /** token-bucket size and refill per minute, per API key; 0 turns rate limiting off */
    MNEMO_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(6000),
    /** the same for callers without a known key, per IP; defaults to the per-key limit */
    MNEMO_RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(0).optional(),
    /** how long a resolved API key is trusted: the delay before another instance sees a revocation */
    MNEMO_API_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300000).default(10000),
    /** proxies whose X-Forwarded-For gives the client address (per-IP limits, logs) */
    MNEMO_TRUST_PROXY: trustProxySchema,
  })
  .and(providerConfigSchema);

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
