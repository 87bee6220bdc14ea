import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { natsPermissions } from '@mnemo/contracts';
import {
  findServers,
  loopbackNatsAuth,
  freePort,
  installCommand,
  startNats,
  type NatsAuth,
  type NatsServerHandle,
} from '@mnemo/devstack';

export interface OwnNats extends NatsServerHandle {
  /** its users, when started with `auth` */
  auth?: NatsAuth;
}

/**
 * A fresh nats-server for one suite, its JetStream data in a temp dir removed on stop; with `auth`,
 * a user per service (see suiteNatsAuth) and the monitoring endpoints on a free port.
 */
export async function startOwnNats(
  pathEnv: string,
  parentDir: string | undefined,
  auth = false,
): Promise<OwnNats> {
  const natsServer = await natsServerBinary(pathEnv);
  const dataDir = await mkdtemp(join(parentDir ?? tmpdir(), 'nats-'));
  const users = auth ? await loopbackNatsAuth(dataDir, natsPermissions) : undefined;
  const port = await freePort();
  // Two free ports asked in a row may be the same one (neither is bound yet).
  let monitorPort = auth ? await freePort() : undefined;
  while (monitorPort === port) monitorPort = await freePort();
  const server = await startNats({
    dataDir,
    port,
    binaries: { natsServer },
    auth: users,
    monitorPort,
  });
  return {
    ...server,
    auth: users,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The nats-server binary `npm test` found or installed. */
export async function natsServerBinary(pathEnv: string): Promise<string> {
  const lookup = await findServers({ pathEnv });
  const natsServer = lookup.found.natsServer;
  if (natsServer) return natsServer;
  const command = installCommand(lookup.missingPackages, process.getuid?.() === 0);
  throw new Error(
    `startMnemo: nats-server is missing: run \`npm test\` (it installs it) or ${command}`,
  );
}
