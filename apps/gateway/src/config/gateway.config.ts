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
    /** how often gateway instances share rate-limit usage over NATS; 0: each instance its own */
    MNEMO_RATE_LIMIT_SYNC_MS: z.coerce.number().int().min(0).max(60_000).default(50),
    /** how long a resolved API key is trusted: the delay before another instance sees a revocation */
    MNEMO_API_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300000).default(10000),
    /** searches in flight at one gateway; a project alone may use them all */
    MNEMO_SEARCH_CONCURRENCY: z.coerce.number().int().min(1).default(64),
    /** searches of one project in flight while another project searches; the rest wait their turn */
    MNEMO_SEARCH_CONCURRENCY_PER_PROJECT: z.coerce.number().int().min(1).default(4),
    /** searches of one project waiting at the gateway; more answer 429 at once */
    MNEMO_SEARCH_QUEUE_PER_PROJECT: z.coerce.number().int().min(0).default(64),
    /** proxies whose X-Forwarded-For gives the client address (per-IP limits, logs) */
    MNEMO_TRUST_PROXY: trustProxySchema,
    /** how long `rerank: true` waits for the LLM before it answers in the fused order */
    MNEMO_RERANK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
    /** best fused memories the LLM judges for `rerank: true` (top_k of them when more) */
    MNEMO_RERANK_CANDIDATES: z.coerce.number().int().min(1).max(100).default(20),
    /** the chat model that judges them; MNEMO_LLM_MODEL when unset */
    MNEMO_RERANK_MODEL: z.string().trim().min(1).optional(),
    /** the user the MCP tools act for when a call names no user, agent or run */
    MNEMO_MCP_DEFAULT_USER_ID: z.string().trim().min(1).max(255).default('mcp_user'),
  })
  .and(providerConfigSchema);

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
