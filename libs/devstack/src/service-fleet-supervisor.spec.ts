import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFakeService } from './fake-service.fixture';
import { ServiceFleet } from './service-fleet';
import {
  crashStreak,
  defaultRestartPolicy,
  FleetSupervisor,
  restartDelay,
} from './service-fleet-supervisor';
import type { ServiceProcess } from './service-process';

const policy = { initialDelayMs: 100, maxDelayMs: 400, resetAfterMs: 60_000 };

describe(FleetSupervisor.name, () => {
  let root: string;
  let fleet: ServiceFleet;
  let supervisor: FleetSupervisor | undefined;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'devstack-supervisor-'));
    await writeFakeService(root, 'embedder');
  });

  beforeEach(() => {
    fleet = new ServiceFleet({ workspaceRoot: root, env: { PATH: process.env.PATH } });
  });

  afterEach(async () => {
    supervisor?.stop();
    await fleet.stopAll();
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  function supervise(onRestart?: (service: ServiceProcess) => void, lines: string[] = []) {
    supervisor = new FleetSupervisor(fleet, { policy, log: (line) => lines.push(line), onRestart });
    supervisor.start();
    return supervisor;
  }

  it('brings back an instance killed with SIGKILL, same id, and counts it', async () => {
    await fleet.startAll({ embedder: 1 });
    const first = fleet.get('embedder');
    const lines: string[] = [];
    const restarted = new Promise<ServiceProcess>((resolve) => supervise(resolve, lines));
    await fleet.kill('embedder');
    const next = await restarted;
    await next.ready;
    expect(next).not.toBe(first);
    expect(next.instanceId).toBe('embedder-0');
    expect(fleet.get('embedder')).toBe(next);
    expect(next.running).toBe(true);
    expect(supervisor?.restarts()).toEqual({ 'embedder-0': 1 });
    expect(lines).toEqual([
      expect.stringMatching(
        /^embedder-0 exited \(code null, signal SIGKILL\) after \d+ s; restarting in 100 ms$/,
      ),
    ]);
  });

  it('retries an instance that crashes at once with growing delays, not in a tight loop', async () => {
    fleet.spawn('embedder', { env: { FAKE_MODE: 'crash' } });
    const lines: string[] = [];
    let restarts = 0;
    const fourth = new Promise<void>((resolve) =>
      supervise(() => ++restarts === 4 && resolve(), lines),
    );
    await fourth;
    supervisor?.stop();
    const waits = lines.map((line) => Number(/restarting in (\d+) ms/.exec(line)?.[1]));
    expect(waits.slice(0, 4)).toEqual([100, 200, 400, 400]);
    expect(supervisor?.totalRestarts).toBe(4);
  });

  it('restarts nothing once stopped, as on Ctrl-C', async () => {
    await fleet.startAll({ embedder: 1 });
    const lines: string[] = [];
    supervise(undefined, lines).stop();
    const first = fleet.get('embedder');
    await fleet.stopAll();
    expect(first.running).toBe(false);
    expect(fleet.get('embedder')).toBe(first);
    expect(lines).toEqual([]);
    expect(supervisor?.totalRestarts).toBe(0);
  });
});

describe('restart backoff', () => {
  it('doubles the delay per quick crash up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((streak) => restartDelay(streak, policy))).toEqual([
      100, 200, 400, 400, 400,
    ]);
  });

  it('starts over after an instance stayed up long enough', () => {
    expect(crashStreak(5, 1_000, defaultRestartPolicy)).toBe(6);
    expect(crashStreak(5, 60_000, defaultRestartPolicy)).toBe(1);
    expect(restartDelay(crashStreak(5, 120_000, defaultRestartPolicy), defaultRestartPolicy)).toBe(
      500,
    );
  });
});
