import { z } from 'zod';

const proxyAddress = z.union([z.cidrv4(), z.cidrv6(), z.ipv4(), z.ipv6()], {
  error: (issue) => `${String(issue.input)} is not an IP address or CIDR`,
});

/**
 * MNEMO_TRUST_PROXY: comma-separated addresses or CIDRs of the proxies in front of the gateway.
 * Only a request from one of them has its X-Forwarded-For believed; empty believes no one.
 */
export const trustProxySchema = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
  )
  .pipe(z.array(proxyAddress));

/** Fastify's `trustProxy`: the list itself, or false so `request.ip` is always the peer. */
export function fastifyTrustProxy(proxies: string[]): string[] | false {
  return proxies.length > 0 ? proxies : false;
}
