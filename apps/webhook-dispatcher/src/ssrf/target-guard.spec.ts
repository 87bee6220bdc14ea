import type { LookupAddress } from 'node:dns';
import { isPublicAddress, TargetGuard, TargetRefusedError } from './target-guard';

const resolving =
  (table: Record<string, string[]>) =>
  (host: string): Promise<LookupAddress[]> => {
    const found = table[host];
    if (!found) return Promise.reject(new Error(`ENOTFOUND ${host}`));
    return Promise.resolve(
      found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };

const dns = resolving({
  'hooks.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'sneaky.example.com': ['93.184.216.34', '10.0.0.7'],
  'metadata.example.com': ['169.254.169.254'],
});

describe(TargetGuard.name, () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '169.254.10.10',
    '0.0.0.0',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '224.0.0.1',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:2800:220:1:248:1893:25c8:1946'])(
    'accepts the public address %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it('accepts a host whose every address is public', async () => {
    await expect(new TargetGuard(false, dns).check('https://hooks.example.com/in')).resolves.toBe(
      undefined,
    );
  });

  it('refuses a host when any of its addresses is private, and literal private targets', async () => {
    const guard = new TargetGuard(false, dns);
    await expect(guard.check('https://sneaky.example.com/in')).rejects.toEqual(
      new TargetRefusedError(
        'sneaky.example.com resolves to 10.0.0.7, which is not a public address',
      ),
    );
    await expect(guard.check('http://metadata.example.com/latest')).rejects.toBeInstanceOf(
      TargetRefusedError,
    );
    await expect(guard.check('http://127.0.0.1:8080/hook')).rejects.toEqual(
      new TargetRefusedError('127.0.0.1 resolves to 127.0.0.1, which is not a public address'),
    );
    await expect(guard.check('http://[::1]:8080/hook')).rejects.toBeInstanceOf(TargetRefusedError);
  });

  it('lets a name that does not resolve pass, since nothing can be reached through it', async () => {
    const guard = new TargetGuard(false, dns);
    await expect(guard.check('https://nowhere.example.com/')).resolves.toBe(undefined);
  });

  it('lets private targets through when allowed', async () => {
    await expect(new TargetGuard(true, dns).check('http://127.0.0.1:8080/')).resolves.toBe(
      undefined,
    );
  });

  it('refuses at connect time a name that resolves to a private address', async () => {
    const guard = new TargetGuard(false, dns);
    const lookup = (host: string) =>
      new Promise((resolve, reject) =>
        guard.lookup(host, { all: true }, (err, addresses) =>
          err ? reject(err) : resolve(addresses),
        ),
      );
    await expect(lookup('sneaky.example.com')).rejects.toBeInstanceOf(TargetRefusedError);
    await expect(lookup('hooks.example.com')).resolves.toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ]);
  });
});
