import { lookup, promises } from 'node:dns';
import { get } from 'node:http';

const attempts = (globalThis as { __mnemoOutboundLookups?: string[] }).__mnemoOutboundLookups;

describe('stay-on-machine', () => {
  afterEach(() => attempts?.splice(0));

  it('refuses a lookup beyond the machine at once and records it', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      lookup('telemetry.example.com', (err) => resolve(err)),
    );
    expect(error?.message).toBe(
      'tests must not leave the machine: lookup of telemetry.example.com',
    );
    await expect(promises.lookup('example.org')).rejects.toThrow('must not leave the machine');
    expect(attempts).toEqual(['telemetry.example.com', 'example.org']);
  });

  it('refuses an HTTP call by name, the way a client library would make one', async () => {
    const error = await new Promise<Error>((resolve) =>
      get('http://analytics.example.net/e/', () => undefined).on('error', resolve),
    );
    expect(error.message).toContain('must not leave the machine');
  });

  it('lets loopback names and addresses through', async () => {
    await expect(promises.lookup('localhost')).resolves.toHaveProperty('address');
    await expect(promises.lookup('127.0.0.1')).resolves.toEqual({
      address: '127.0.0.1',
      family: 4,
    });
    expect(attempts).toEqual([]);
  });
});
