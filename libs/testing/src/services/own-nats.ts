import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findServers,
  freePort,
  installCommand,
  startNats,
  type ServerHandle,
} from '@mnemo/devstack';

/** A fresh nats-server for one suite, its JetStream data in a temp dir removed on stop. */
export async function startOwnNats(
  pathEnv: string,
  parentDir: string | undefined,
): Promise<ServerHandle> {
  const natsServer = await natsServerBinary(pathEnv);
  const dataDir = await mkdtemp(join(parentDir ?? tmpdir(), 'nats-'));
  const server = await startNats({ dataDir, port: await freePort(), binaries: { natsServer } });
  return {
    ...server,
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
