import { fastifyTrustProxy, trustProxySchema } from './trust-proxy';

describe('trustProxySchema', () => {
  it('reads a comma-separated list of addresses and CIDRs', () => {
    expect(trustProxySchema.parse(' 10.0.0.0/8, 127.0.0.1 ,fd00::/8')).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      'fd00::/8',
    ]);
  });

  it('trusts no proxy when unset or empty', () => {
    expect(trustProxySchema.parse(undefined)).toEqual([]);
    expect(fastifyTrustProxy(trustProxySchema.parse(''))).toBe(false);
  });

  it('names the entry that is not an address', () => {
    const result = trustProxySchema.safeParse('10.0.0.0/8,proxy.local');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('proxy.local is not an IP address or CIDR');
  });
});
