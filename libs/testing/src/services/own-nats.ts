import { findServers, installCommand } from '@mnemo/devstack';

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
