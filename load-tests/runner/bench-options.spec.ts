import { parseBenchOptions, parseInstances } from './bench-options';

describe(parseBenchOptions.name, () => {
  const env = {
    PATH: '/usr/bin',
    MNEMO_MYSQL_URL: 'mysql://root@127.0.0.1:3317/mnemo',
    MNEMO_EMBED_CACHE_SIZE: '5000',
    MNEMO_ADMIN_API_KEY: 'secret',
    OPENAI_API_KEY: 'sk-test',
  };

  it('reads durations, scenarios and the database from arguments and environment', () => {
    const options = parseBenchOptions(
      ['--duration', '5', '--scenario', 'search', '--scenario', 'add', '--warmup', '0'],
      env,
      '/repo',
    );
    expect(options).toMatchObject({
      help: false,
      durationSeconds: 5,
      warmupSeconds: 0,
      scenarios: ['search', 'add'],
      mysqlUrl: 'mysql://root@127.0.0.1:3317/mnemo',
      modelDir: '/repo/.cache/models',
      outDir: '/repo/load-tests/reports',
      logLevel: 'info',
    });
  });

  it('passes MNEMO_* tuning keys to the services but no secrets or provider keys', () => {
    expect(parseBenchOptions([], env, '/repo').serviceEnv).toEqual({
      MNEMO_MYSQL_URL: 'mysql://root@127.0.0.1:3317/mnemo',
      MNEMO_EMBED_CACHE_SIZE: '5000',
    });
  });

  it("reads a connection count for every stream, and leaves the scenarios' own by default", () => {
    expect(parseBenchOptions(['--connections', '4'], env, '/repo').connections).toBe(4);
    expect(parseBenchOptions([], env, '/repo').connections).toBeUndefined();
    expect(() => parseBenchOptions(['--connections', '0'], env, '/repo')).toThrow();
  });

  it('rejects unknown flags and bad numbers', () => {
    expect(() => parseBenchOptions(['--durration', '5'], env, '/repo')).toThrow(/durration/);
    expect(() => parseBenchOptions(['--duration', 'soon'], env, '/repo')).toThrow(/number/);
  });
});

describe(parseInstances.name, () => {
  it('starts one instance of every service unless told otherwise', () => {
    expect(parseInstances('vector-store=2, embedder=3')).toEqual({
      gateway: 1,
      extractor: 1,
      embedder: 3,
      'vector-store': 2,
      'structured-data': 1,
      'webhook-dispatcher': 1,
    });
  });

  it('rejects unknown services and counts out of range', () => {
    expect(() => parseInstances('search=2')).toThrow(
      '--instances: expected <service>=<1..16>, got "search=2"',
    );
    expect(() => parseInstances('gateway=0')).toThrow(/got "gateway=0"/);
  });
});
