import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findRunningNats, readNatsInfo, startNats } from './nats.server';
import { freePort, isPortOpen } from './ports';
import { natsServerEnv } from './server-args';
import { findServers, installCommand, type ServerBinaries } from './server-binaries';

/** `nats-server --version` prints `nats-server: v2.9.10`. */
async function probeVersion(natsServer: string): Promise<{ version: string }> {
  const { stdout } = await promisify(execFile)(natsServer, ['--version']);
  const version = /v(\d+\.\d+\.\d+)/.exec(stdout)?.[1];
  if (!version) throw new Error(`unexpected nats-server --version output: ${stdout}`);
  return { version };
}

/** These specs need the real server: a missing binary fails them, it never skips them. */
async function requireBinaries(): Promise<ServerBinaries> {
  const lookup = await findServers({ pathEnv: process.env.PATH });
  if (lookup.missingPackages.length > 0) {
    const command = installCommand(lookup.missingPackages, process.getuid?.() === 0);
    throw new Error(`nats-server is missing: run \`npm test\` (it installs it) or ${command}`);
  }
  return lookup.found as ServerBinaries;
}

describe(startNats.name, () => {
  let dataDir: string;
  let binaries: ServerBinaries;

  beforeAll(async () => {
    binaries = await requireBinaries();
  });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'devstack-nats-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts nats-server with JetStream and an 8 MB max payload, and stops it', async () => {
    const port = await freePort();
    const nats = await startNats({ dataDir, port, binaries });
    expect(nats).toMatchObject({ url: `nats://127.0.0.1:${port}`, port, reused: false });
    expect(await readNatsInfo(port)).toEqual({
      version: expect.any(String),
      jetstream: true,
      maxPayload: 8 * 1024 * 1024,
    });
    // Go's thread count as the server got it: one on a small machine like CI's.
    const environ = (await readFile(`/proc/${nats.pid}/environ`, 'utf8')).split('\0');
    const goMaxProcs = environ.find((entry) => entry.startsWith('GOMAXPROCS='));
    const expected = natsServerEnv().GOMAXPROCS;
    expect(goMaxProcs).toBe(expected === undefined ? undefined : `GOMAXPROCS=${expected}`);
    await nats.stop();
    expect(await isPortOpen(port)).toBe(false);
    expect(await findRunningNats(dataDir)).toBeUndefined();
  });

  it('fsyncs every JetStream write when asked, or says which nats-server version that needs', async () => {
    const port = await freePort();
    const { version } = await probeVersion(binaries.natsServer);
    const [major, minor] = version.split('.').map(Number);
    if (major > 2 || (major === 2 && minor >= 10)) {
      const nats = await startNats({ dataDir, port, binaries, syncAlways: true });
      expect(await readNatsInfo(port)).toMatchObject({ jetstream: true });
      await nats.stop();
    } else {
      await expect(startNats({ dataDir, port, binaries, syncAlways: true })).rejects.toThrow(
        /MNEMO_NATS_SYNC_ALWAYS .* needs nats-server 2\.10 or newer/,
      );
      expect(await isPortOpen(port)).toBe(false);
    }
  });

  it('reuses the server already running for the same data dir', async () => {
    const port = await freePort();
    const first = await startNats({ dataDir, port, binaries });
    try {
      const second = await startNats({ dataDir, port: port + 1, binaries });
      expect(second).toMatchObject({ url: first.url, pid: first.pid, reused: true });
    } finally {
      await first.stop();
    }
  });

  it('refuses a port another process already uses', async () => {
    const port = await freePort();
    const first = await startNats({ dataDir, port, binaries });
    const otherDir = await mkdtemp(join(tmpdir(), 'devstack-nats-'));
    try {
      await expect(startNats({ dataDir: otherDir, port, binaries })).rejects.toThrow(
        `Port ${port} for NATS is already in use by another process`,
      );
    } finally {
      await first.stop();
      await rm(otherDir, { recursive: true, force: true });
    }
  });
});
