import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DEPLOY_ACCOUNTS_SCRIPT,
  deployAccountsScript,
  ensureServers,
  isPortOpen,
  localStackPaths,
  localStackStatus,
  mariaDbPaths,
  redactedUrl,
  localServiceMysqlUrls,
  stopLocalStack,
} from '@mnemo/devstack';
import type { CliConfig } from './cli-config';
import { say } from './console-output';

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
    case 'deploy-accounts':
      return writeDeployAccounts(config);
    default:
      throw new Error(`Unknown stack action "${action}": use up, down, status or deploy-accounts`);
  }
}

async function stackUp(config: CliConfig): Promise<number> {
  const servers = await ensureServers({
    ...config,
    mysqlUrl: undefined,
    natsUrl: undefined,
    background: true,
    log: say,
  });
  const accounts = await localServiceMysqlUrls(servers);
  say(`MariaDB: ${redactedUrl(servers.mysqlUrl)} (passwords in ${servers.credentialsFile})`);
  say(`NATS:    ${servers.natsUrl}`);
  say('Run a service against it with its own account, e.g. the gateway:');
  say(`  export MNEMO_MYSQL_URL=${accounts?.gateway} MNEMO_NATS_URL=${servers.natsUrl}`);
  say("Each service has its own account (<db>_<role>); its password and root's are in that file.");
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
  say(`MySQL passwords (root, services): ${credentialsFile(config.dataDir)}`);
  return 0;
}

/** Rewrites deploy/'s copy of the service accounts from the generator. */
async function writeDeployAccounts(config: CliConfig): Promise<number> {
  await writeFile(join(config.workspaceRoot, DEPLOY_ACCOUNTS_SCRIPT), deployAccountsScript());
  say(`Wrote ${DEPLOY_ACCOUNTS_SCRIPT}`);
  return 0;
}

function credentialsFile(dataDir: string): string {
  return mariaDbPaths(localStackPaths(dataDir).mariadb).credentials;
}
