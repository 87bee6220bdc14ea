import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** The target is, or resolves to, an address a webhook may not reach. */
export class TargetRefusedError extends Error {
  override readonly name = 'TargetRefusedError';
}

export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

const resolveAll: ResolveAll = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  );

/** Public unicast only: loopback, private, link-local (metadata), unspecified and the rest fail. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

const hostOf = (url: string) => new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Refuses webhook targets inside the network. `check` runs at create, update and before each
 * send; `lookup` is given to the HTTP client so the address connected to is the one checked.
 */
export class TargetGuard {
  constructor(
    private readonly allowPrivate: boolean,
    private readonly resolve: ResolveAll = resolveAll,
  ) {}

  /**
   * A name that does not resolve now passes: it cannot be connected to either, and `lookup`
   * checks whatever it resolves to when a send is attempted.
   */
  async check(url: string): Promise<void> {
    if (this.allowPrivate) return;
    const host = hostOf(url);
    if (isIP(host)) return this.refuseUnlessPublic(host, [host]);
    const found = await this.resolve(host).catch(() => []);
    if (found.length > 0)
      this.refuseUnlessPublic(
        host,
        found.map((a) => a.address),
      );
  }

  readonly lookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    this.resolve(hostname)
      .then((found) => {
        if (!this.allowPrivate)
          this.refuseUnlessPublic(
            hostname,
            found.map((a) => a.address),
          );
        const wanted = options.family ? found.filter((a) => a.family === options.family) : found;
        if (wanted.length === 0) throw new TargetRefusedError(`${hostname} has no usable address`);
        if (options.all) callback(null, wanted);
        else callback(null, wanted[0].address, wanted[0].family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, ''));
  };

  private refuseUnlessPublic(host: string, addresses: string[]): void {
    const refused = addresses.find((address) => !isPublicAddress(address));
    if (refused !== undefined) {
      throw new TargetRefusedError(`${host} resolves to ${refused}, which is not a public address`);
    }
  }
}
