import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFakeService } from './fake-service.fixture';
import { ServiceFleet } from './service-fleet';

describe(ServiceFleet.name, () => {
  let root: string;
  let fleet: ServiceFleet;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'devstack-fleet-'));
    await writeFakeService(root, 'gateway');
    await writeFakeService(root, 'embedder');
  });

  beforeEach(() => {
    fleet = new ServiceFleet({ workspaceRoot: root, env: { PATH: process.env.PATH } });
  });

  afterEach(async () => {
    await fleet.stopAll();
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('starts the requested instances, numbered per service', async () => {
    await fleet.startAll({ gateway: 1, embedder: 2 });
    expect(fleet.all().map((service) => service.instanceId)).toEqual([
      'gateway-0',
      'embedder-0',
      'embedder-1',
    ]);
    expect(fleet.get('embedder', 1).running).toBe(true);
  });

  it('restarts a killed instance under the same instance id and environment', async () => {
    const extra = fleet.spawn('embedder', {
      instanceId: 'embedder-a',
      env: { FAKE_TAG: 'a' },
    });
    await extra.ready;
    expect(await fleet.kill('embedder', 0)).toEqual([{ code: null, signal: 'SIGKILL' }]);
    expect(fleet.exitedError()?.message).toMatch(/^embedder-a exited:\n.*booting/);
    const restarted = await fleet.restart('embedder', 0);
    expect(restarted).not.toBe(extra);
    expect(restarted.instanceId).toBe('embedder-a');
    expect(restarted.extraEnv).toEqual({ FAKE_TAG: 'a' });
    expect(fleet.get('embedder', 0)).toBe(restarted);
    expect(fleet.exitedError()).toBeUndefined();
  });

  it('stops everything it started and reports the first instance that failed', async () => {
    const fleetWithCrash = new ServiceFleet({
      workspaceRoot: root,
      env: { PATH: process.env.PATH },
    });
    const healthy = fleetWithCrash.spawn('gateway');
    fleetWithCrash.spawn('embedder', { env: { FAKE_MODE: 'crash' } });
    await expect(Promise.all(fleetWithCrash.all().map((s) => s.ready))).rejects.toThrow(
      /embedder-0 exited \(code 3/,
    );
    await fleetWithCrash.stopAll();
    expect(healthy.running).toBe(false);
  });

  it('fails startAll and leaves nothing running when one instance crashes', async () => {
    const crashing = new ServiceFleet({
      workspaceRoot: root,
      env: { PATH: process.env.PATH, FAKE_MODE: 'crash' },
    });
    await expect(crashing.startAll({ gateway: 1 })).rejects.toThrow(/gateway-0 exited \(code 3/);
    expect(crashing.all().every((service) => !service.running)).toBe(true);
  });

  it('gives each service its own MNEMO_MYSQL_URL and none to a service without an account', async () => {
    const accounts = new ServiceFleet({
      workspaceRoot: root,
      env: { PATH: process.env.PATH, MNEMO_MYSQL_URL: 'mysql://root:admin@h/db' },
      mysqlUrls: { gateway: 'mysql://db_gateway:pw@h/db' },
    });
    try {
      await accounts.startAll({ gateway: 1, embedder: 1 });
      expect(accounts.get('gateway').logs()[0]).toContain('"mysql":"mysql://db_gateway:pw@h/db"');
      expect(accounts.get('embedder').logs()[0]).not.toContain('mysql');
    } finally {
      await accounts.stopAll();
    }
  });

  it('gives each service its own MNEMO_NATS_URL over the shared one', async () => {
    const users = new ServiceFleet({
      workspaceRoot: root,
      env: { PATH: process.env.PATH, MNEMO_NATS_URL: 'nats://h:1' },
      natsUrls: { gateway: 'nats://gateway:pw@h:1' },
    });
    try {
      await users.startAll({ gateway: 1, embedder: 1 });
      expect(users.get('gateway').logs()[0]).toContain('"nats":"nats://gateway:pw@h:1"');
      expect(users.get('embedder').logs()[0]).toContain('"nats":"nats://h:1"');
    } finally {
      await users.stopAll();
    }
  });

  it('names the missing instance', () => {
    expect(() => fleet.get('gateway', 3)).toThrow('No instance 3 of gateway was started');
  });
});
