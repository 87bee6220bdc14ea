import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOrInstallServers, findServers, installCommand, searchDirs } from './server-binaries';

describe('server binaries', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'devstack-bin-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function fakeBinary(name: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, '#!/bin/sh\n');
    await chmod(path, 0o755);
    return path;
  }

  it('searches PATH first, then the system directories, once each', () => {
    expect(searchDirs('/a:/usr/bin::/b', ['/usr/sbin', '/usr/bin'])).toEqual([
      '/a',
      '/usr/bin',
      '/b',
      '/usr/sbin',
    ]);
  });

  it('finds every binary on the given path', async () => {
    const mariadbd = await fakeBinary('mariadbd');
    const mariadbInstallDb = await fakeBinary('mariadb-install-db');
    const natsServer = await fakeBinary('nats-server');
    const lookup = await findServers({ pathEnv: dir, systemDirs: [] });
    expect(lookup).toEqual({
      found: { mariadbd, mariadbInstallDb, natsServer },
      missingPackages: [],
    });
  });

  it('names only the packages whose binaries are missing', async () => {
    await fakeBinary('nats-server');
    const lookup = await findServers({ pathEnv: dir, systemDirs: [] });
    expect(lookup.missingPackages).toEqual(['mariadb-server']);
  });

  it('throws the exact install command when it may not install', async () => {
    await expect(
      findOrInstallServers({ pathEnv: dir, systemDirs: [], canInstall: false }),
    ).rejects.toThrow(
      new Error('sudo apt-get update && sudo apt-get install -y mariadb-server nats-server'),
    );
  });

  it('writes the install command without sudo for root', () => {
    expect(installCommand(['nats-server'], true)).toBe(
      'apt-get update && apt-get install -y nats-server',
    );
  });
});
