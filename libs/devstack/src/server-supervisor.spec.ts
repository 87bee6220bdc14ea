import { spawn } from 'node:child_process';
import type { ServerHandle } from './mariadb.server';
import { isAlive } from './process-tools';
import { ServerSupervisor } from './server-supervisor';
import { waitUntil } from './wait-until';

const fast = { initialDelayMs: 10, maxDelayMs: 50, resetAfterMs: 60_000 };

/** A stand-in server: a real process that dies when killed, as mariadbd or nats-server would. */
function sleeper(started: number[]): Promise<ServerHandle> {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  const pid = child.pid ?? 0;
  started.push(pid);
  return Promise.resolve({
    url: `sleep://${pid}`,
    port: 0,
    pid,
    reused: false,
    stop: () => Promise.resolve(void child.kill('SIGKILL')),
  });
}

describe(ServerSupervisor.name, () => {
  jest.setTimeout(20_000);
  const started: number[] = [];

  afterEach(() => {
    for (const pid of started.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('starts a server again in place when it exits, and counts it', async () => {
    const lines: string[] = [];
    const back: string[] = [];
    const supervisor = new ServerSupervisor({
      policy: fast,
      pollMs: 20,
      log: (line) => lines.push(line),
      onRestart: (name) => back.push(name),
    });
    const server = { name: 'NATS', handle: await sleeper(started), start: () => sleeper(started) };
    supervisor.start([server]);
    const first = server.handle.pid;
    process.kill(first, 'SIGKILL');
    await waitUntil(() => (back.length === 1 ? true : undefined), {
      description: 'the restart',
      timeoutMs: 5000,
    });
    supervisor.stop();
    expect(server.handle.pid).not.toBe(first);
    expect(isAlive(server.handle.pid)).toBe(true);
    expect(supervisor.restarts()).toEqual({ NATS: 1 });
    expect(lines).toEqual([
      expect.stringMatching(/^NATS \(pid \d+\) exited; restarting in 10 ms$/),
    ]);
  });

  it('restarts nothing after a deliberate stop', async () => {
    const supervisor = new ServerSupervisor({ policy: fast, pollMs: 20 });
    const server = {
      name: 'MariaDB',
      handle: await sleeper(started),
      start: () => sleeper(started),
    };
    supervisor.start([server]);
    supervisor.stop();
    await server.handle.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(started).toHaveLength(1);
    expect(supervisor.totalRestarts).toBe(0);
  });

  it('keeps trying with backoff while the server cannot start', async () => {
    let failures = 0;
    const supervisor = new ServerSupervisor({
      policy: fast,
      pollMs: 20,
      log: () => undefined,
    });
    const server = {
      name: 'MariaDB',
      handle: await sleeper(started),
      start: () => {
        if (failures < 2) {
          failures += 1;
          return Promise.reject(new Error('port in use'));
        }
        return sleeper(started);
      },
    };
    supervisor.start([server]);
    process.kill(server.handle.pid, 'SIGKILL');
    await waitUntil(() => (supervisor.totalRestarts === 1 ? true : undefined), {
      description: 'the third attempt to succeed',
      timeoutMs: 5000,
    });
    supervisor.stop();
    expect(failures).toBe(2);
  });
});
