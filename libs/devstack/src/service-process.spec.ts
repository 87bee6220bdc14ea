import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFakeService } from './fake-service.fixture';
import { isAlive } from './process-tools';
import { serviceMainPath } from './service-names';
import { ServiceProcess } from './service-process';

describe(ServiceProcess.name, () => {
  let root: string;
  const started: ServiceProcess[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'devstack-svc-'));
    await writeFakeService(root, 'embedder');
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((service) => service.kill()));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  function startFake(
    mode: string,
    extra: Partial<ConstructorParameters<typeof ServiceProcess>[0]> = {},
  ) {
    const service = new ServiceProcess({
      name: 'embedder',
      workspaceRoot: root,
      env: { PATH: process.env.PATH, FAKE_MODE: mode },
      readyTimeoutMs: 5000,
      ...extra,
    });
    started.push(service);
    return service;
  }

  it('resolves ready on the ready line and exits 0 when stopped', async () => {
    const echoed: string[] = [];
    const logFile = join(root, 'embedder.log');
    const service = startFake('normal', {
      instanceId: 'embedder-7',
      echo: 'warn',
      echoTo: (l) => echoed.push(l),
      logFile,
    });
    await service.ready;
    expect(service.running).toBe(true);
    expect(await service.stop()).toEqual({ code: 0, signal: null });
    expect(service.running).toBe(false);
    expect(service.logs()).toEqual([
      '{"level":"info","msg":"booting","instance":"embedder-7"}',
      '{"level":"info","event":"service.ready"}',
      '{"level":"info","msg":"drained"}',
    ]);
    expect(echoed).toEqual(['[embedder-7] INFO {"event":"service.ready"}']);
    expect((await readFile(logFile, 'utf8')).split('\n')).toHaveLength(4);
  });

  it('rejects ready with the last lines when the process exits first', async () => {
    const service = startFake('crash');
    await expect(service.ready).rejects.toThrow(
      /embedder-0 exited \(code 3, signal null\) before it was ready[\s\S]*Error: cannot connect/,
    );
    expect(await service.exited).toEqual({ code: 3, signal: null });
  });

  it('rejects ready after the timeout', async () => {
    const service = startFake('silent', { readyTimeoutMs: 3000 });
    await expect(service.ready).rejects.toThrow(
      /^embedder-0 was not ready within 3000 ms\. Last log lines:\n.*"msg":"booting"/,
    );
  });

  it('kills a process that ignores SIGTERM once the grace period is over', async () => {
    const service = startFake('stubborn');
    await service.ready;
    expect(await service.stop(300)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(isAlive(service.pid ?? 0)).toBe(false);
  });

  it('kill() ends the process at once, as a crash would', async () => {
    const service = startFake('normal');
    await service.ready;
    expect(await service.kill()).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('waits for a later log line', async () => {
    const service = startFake('stubborn');
    await service.ready;
    const line = service.waitForLine((l) => l.includes('ignoring'), 5000);
    process.kill(service.pid ?? 0, 'SIGTERM');
    await expect(line).resolves.toBe('{"level":"warn","msg":"ignoring"}');
  });

  it('refuses to start a service that was not built', () => {
    expect(() => new ServiceProcess({ name: 'gateway', workspaceRoot: root, env: {} })).toThrow(
      `${serviceMainPath(root, 'gateway')} is missing: build first (npx nx run-many -t build)`,
    );
  });
});
