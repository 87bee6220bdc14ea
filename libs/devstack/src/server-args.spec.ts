import {
  mariaDbInstallArgs,
  mariaDbPaths,
  mariaDbServerArgs,
  natsServerArgs,
  natsServerConfig,
  natsServerEnv,
  natsSyncAlways,
  portFromCommandLine,
} from './server-args';

describe('server arguments', () => {
  it('keeps every MariaDB file inside the data dir and ignores system config', () => {
    const args = mariaDbServerArgs({ dataDir: '/d', port: 3317 });
    expect(args[0]).toBe('--no-defaults');
    expect(args).toEqual(
      expect.arrayContaining([
        '--datadir=/d/db',
        '--port=3317',
        '--socket=/d/mariadbd.sock',
        '--pid-file=/d/mariadbd.pid',
        '--bind-address=127.0.0.1',
        '--secure-file-priv=/d/secure-file-priv',
        '--skip-log-bin',
      ]),
    );
    expect(args).not.toContain('--innodb-flush-log-at-trx-commit=0');
  });

  it('skips per-commit fsync only when durability is relaxed', () => {
    const args = mariaDbServerArgs({ dataDir: '/d', port: 1, durability: 'relaxed' });
    expect(args).toContain('--innodb-flush-log-at-trx-commit=0');
  });

  it('initialises with normal root authentication', () => {
    expect(mariaDbInstallArgs('/d')).toEqual([
      '--no-defaults',
      '--user=root',
      '--datadir=/d/db',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      '--skip-name-resolve',
    ]);
    expect(mariaDbPaths('/d').initialisedMarker).toBe('/d/db/.mnemo-initialised');
  });

  it('starts NATS with JetStream on loopback, with its config file for max_payload', () => {
    expect(natsServerArgs('/n', 4233)).toEqual([
      '-c',
      '/n/nats-server.conf',
      '-a',
      '127.0.0.1',
      '-p',
      '4233',
      '-js',
      '-sd',
      '/n/jetstream',
      '-P',
      '/n/nats-server.pid',
    ]);
  });

  it('reads the port back from either command line', () => {
    expect(portFromCommandLine(['/usr/sbin/mariadbd', '--user=root', '--port=3317'])).toBe(3317);
    expect(portFromCommandLine(natsServerArgs('/n', 4233))).toBe(4233);
    expect(portFromCommandLine(['nats-server'])).toBeUndefined();
  });

  it('asks JetStream to fsync every write only when MNEMO_NATS_SYNC_ALWAYS is true', () => {
    expect(natsServerConfig()).toBe('max_payload: 8388608\n');
    expect(natsServerConfig({ syncAlways: true })).toBe(
      'max_payload: 8388608\njetstream {\n  sync_interval: always\n}\n',
    );
    expect(natsSyncAlways({})).toBe(false);
    expect(natsSyncAlways({ MNEMO_NATS_SYNC_ALWAYS: 'true' })).toBe(true);
    expect(natsSyncAlways({ MNEMO_NATS_SYNC_ALWAYS: '1' })).toBe(true);
    expect(natsSyncAlways({ MNEMO_NATS_SYNC_ALWAYS: 'false' })).toBe(false);
  });

  it('runs nats-server on one Go thread on a small machine, unless GOMAXPROCS is given', () => {
    expect(natsServerEnv({ PATH: '/bin' }, 2)).toEqual({ PATH: '/bin', GOMAXPROCS: '1' });
    expect(natsServerEnv({ PATH: '/bin' }, 4).GOMAXPROCS).toBe('1');
    expect(natsServerEnv({ PATH: '/bin' }, 8)).toEqual({ PATH: '/bin' });
    expect(natsServerEnv({ GOMAXPROCS: '3' }, 2)).toEqual({ GOMAXPROCS: '3' });
  });
});
