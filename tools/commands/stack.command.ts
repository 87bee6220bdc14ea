import { isPortOpen, localStackStatus, stopLocalStack } from '@mnemo/devstack';
import type { CliConfig } from './cli-config';
import { say } from './console-output';
import { ensureServers } from './local-servers';

/** `npm run stack -- up|down|status`: MariaDB and NATS alone, detached, for running a service by hand. */
export async function stackCommand(config: CliConfig, args: string[]): Promise<number> {
  const action = args[0] ?? 'status';
  switch (action) {
    case 'up':
      return stackUp(config);
    case 'down':
      return stackDown(config);
    case 'status':
      return stackStatus(config);
    default:
      throw new Error(`Unknown stack action "${action}": use up, down or status`);
  }
}

async function stackUp(config: CliConfig): Promise<number> {
  const servers = await ensureServers({
    ...config,
    mysqlUrl: undefined,
    natsUrl: undefined,
    background: true,
  });
  say(`MariaDB: ${servers.mysqlUrl}`);
  say(`NATS:    ${servers.natsUrl}`);
  say('Run a service against it with:');
  say(`  export MNEMO_MYSQL_URL=${servers.mysqlUrl} MNEMO_NATS_URL=${servers.natsUrl}`);
  return 0;
}

async function stackDown(config: CliConfig): Promise<number> {
  const stopped = await stopLocalStack(config.dataDir);
  say(`MariaDB: ${stopped.mysql ? 'stopped' : 'was not running'}`);
  say(`NATS:    ${stopped.nats ? 'stopped' : 'was not running'}`);
  return 0;
}

async function stackStatus(config: CliConfig): Promise<number> {
  const status = await localStackStatus(config.dataDir);
  const describe = async (server: { pid: number; port: number } | undefined) =>
    server
      ? `running (pid ${server.pid}, port ${server.port}${(await isPortOpen(server.port)) ? '' : ', not answering'})`
      : 'stopped';
  say(`MariaDB: ${await describe(status.mysql)}`);
  say(`NATS:    ${await describe(status.nats)}`);
  say(`Data:    ${config.dataDir}`);
  return 0;
}
