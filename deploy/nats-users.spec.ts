import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { applyWriteContract, natsPermissions } from '@mnemo/contracts';
import {
  deployNatsUsersConfig,
  findServers,
  freePort,
  NATS_ADMIN_USER,
  natsPasswordVariable,
  readNatsInfo,
  SERVICE_NAMES,
  waitUntil,
} from '@mnemo/devstack';

// The NATS users deploy/ runs with are the code's: regenerate with UPDATE_NATS_USERS=1.
const USERS_FILE = join(__dirname, 'k8s', 'nats-users.conf');
const expected = deployNatsUsersConfig(natsPermissions);

describe('deploy/k8s/nats-users.conf', () => {
  beforeAll(async () => {
    if (process.env.UPDATE_NATS_USERS === '1') await writeFile(USERS_FILE, expected);
  });

  it('holds the users and permissions libs/contracts derives', async () => {
    expect(await readFile(USERS_FILE, 'utf8')).toBe(expected);
  });

  it('starts nats-server with the passwords from the environment and limits each user', async () => {
    const natsServer = (await findServers({ pathEnv: process.env.PATH })).found.natsServer;
    if (!natsServer) throw new Error('nats-server is missing: run `npm test` (it installs it)');
    const dir = await mkdtemp(join(tmpdir(), 'deploy-nats-'));
    const port = await freePort();
    const names = [...SERVICE_NAMES, NATS_ADMIN_USER];
    const env = Object.fromEntries(names.map((n) => [natsPasswordVariable(n), `pw-${n}`]));
    await writeFile(join(dir, 'nats.conf'), `port: ${port}\ninclude ./nats-users.conf\n`);
    await writeFile(join(dir, 'nats-users.conf'), expected);
    const server = spawn(natsServer, ['-c', join(dir, 'nats.conf'), '-a', '127.0.0.1'], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    try {
      await waitUntil(() => readNatsInfo(port), { description: 'nats-server', timeoutMs: 10_000 });
      const as = (user: string) =>
        connect({ servers: `127.0.0.1:${port}`, user, pass: `pw-${user}` });
      const gateway = await as('gateway');
      await expect(
        gateway.request(applyWriteContract.subject, '{}', { timeout: 2000 }),
      ).rejects.toThrow('Permissions Violation for Publish');
      await gateway.close();
      await expect(connect({ servers: `127.0.0.1:${port}` })).rejects.toThrow(/Authorization/);
    } finally {
      server.kill();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
