import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import type { GatewayConfig } from '../config/gateway.config';
import { ApiKeyResolver } from './api-key.resolver';
import { presentedKey } from './presented-key';
import { SharedRateLimit } from './shared-rate-limit';
import { TokenBucketStore } from './token-bucket.store';

const minuteMs = 60_000;
// probes and scrapers, which must keep working when clients are throttled
const unlimitedRoutes = new Set(['/health', '/ready', '/metrics']);

/**
 * Token buckets per API key (per IP for callers without a known key), checked before anything
 * else runs; refusals are 429 `{"detail"}` with Retry-After and X-RateLimit-* headers. Buckets
 * live in each instance and instances share what they hand out over NATS every
 * MNEMO_RATE_LIMIT_SYNC_MS, so N gateways together allow about the limit (0: each its own).
 */
export async function registerRateLimit(
  app: NestFastifyApplication,
  config: GatewayConfig,
): Promise<void> {
  const perKey = config.MNEMO_RATE_LIMIT_PER_MINUTE;
  const perIp = config.MNEMO_RATE_LIMIT_IP_PER_MINUTE ?? perKey;
  if (perKey === 0 && perIp === 0) return;
  const resolver = app.get(ApiKeyResolver);
  const buckets = new TokenBucketStore();
  const maxFor = (key: string) => (key.startsWith('ip:') ? perIp : perKey);
  if (config.MNEMO_RATE_LIMIT_SYNC_MS > 0) {
    new SharedRateLimit(app.get(NatsBus), buckets, {
      instanceId: config.MNEMO_INSTANCE_ID,
      syncMs: config.MNEMO_RATE_LIMIT_SYNC_MS,
      timeWindowMs: minuteMs,
      maxFor,
    }).start();
  }
  await app.register(fastifyRateLimit, {
    global: true,
    timeWindow: minuteMs,
    // the plugin builds its store with `new`; every route shares this one
    store: class {
      constructor() {
        return buckets;
      }
    } as never,
    keyGenerator: (request: FastifyRequest) =>
      resolver.rateLimitKey(presentedKey(request.headers), request.ip),
    max: (_request: FastifyRequest, key: string) => maxFor(key),
    allowList: (request: FastifyRequest, key: string) =>
      unlimitedRoutes.has(request.routeOptions.url ?? '') || maxFor(key) === 0,
    errorResponseBuilder: (_request, context) =>
      new DomainError('rate_limited', `Rate limit exceeded, retry in ${context.after}.`, true),
  });
}
