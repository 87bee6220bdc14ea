import { mkdir } from 'node:fs/promises';
import { natsPermissions } from '@mnemo/contracts';
import {
  ensureServers,
  FleetSupervisor,
  localStackPaths,
  redactedUrl,
  ServerSupervisor,
  SERVICE_NAMES,
  ServiceFleet,
  localServiceMysqlUrls,
  waitForHttpOk,
  type RunningServers,
  type ServiceName,
} from '@mnemo/devstack';
import { prepareModel, runNx } from './build-steps';
import type { CliConfig } from './cli-config';
import { complain, say, step } from './console-output';
import { onShutdownSignal } from './shutdown-signals';

const ALL_ONCE = Object.fromEntries(SERVICE_NAMES.map((name) => [name, 1])) as Record<
  ServiceName,
  number
>;

/** `npm start`: the servers, the model, a build, the six services, then wait for Ctrl-C. */
export async function startCommand(config: CliConfig, args: string[]): Promise<void> {
  const verbose = args.includes('--verbose');
  let servers: RunningServers | undefined;
  let fleet: ServiceFleet | undefined;
  let supervisor: FleetSupervisor | undefined;
  let serverSupervisor: ServerSupervisor | undefined;
  const stopAll = async () => {
    // A deliberate stop: nothing is restarted from here on.
    supervisor?.stop();
    serverSupervisor?.stop();
    await fleet?.stopAll();
    await servers?.stop();
    if (supervisor) reportRestarts(supervisor, serverSupervisor);
  };
  onShutdownSignal(stopAll, 0);
  try {
    [servers] = await Promise.all([
      step('Starting MariaDB and NATS', () =>
        ensureServers({
          ...config,
          mysqlUrl: config.mysqlUrl,
          natsUrl: config.natsUrl,
          natsUsers: natsPermissions,
          log: say,
        }),
      ),
      step('Preparing the local embedding model', () => prepareModel(config)),
    ]);
    const running = servers;
    const mysqlUrls = await step("Creating the services' MySQL accounts", () =>
      localServiceMysqlUrls(running),
    );
    await step('Building', () => runNx(config, 'build'));
    const logDir = localStackPaths(config.dataDir).logs;
    await mkdir(logDir, { recursive: true });
    fleet = new ServiceFleet({
      workspaceRoot: config.workspaceRoot,
      env: serviceEnv(config, servers),
      mysqlUrls,
      natsUrls: servers.natsUserUrls,
      echo: verbose ? 'trace' : 'warn',
      logDir,
    });
    const services = fleet;
    await step('Starting the services', () => services.startAll(ALL_ONCE));
    await step('Waiting for /health', () => waitForGateway(config, services));
    supervisor = superviseFleet(services);
    serverSupervisor = superviseServers(running);
  } catch (error) {
    await stopAll();
    throw error;
  }
  printBanner(config, servers, localStackPaths(config.dataDir).logs);
}

function serviceEnv(config: CliConfig, servers: RunningServers): NodeJS.ProcessEnv {
  return {
    ...config.env,
    MNEMO_MYSQL_URL: servers.mysqlUrl,
    MNEMO_NATS_URL: servers.natsUrl,
    MNEMO_HTTP_PORT: String(config.httpPort),
    MNEMO_METRICS_PORT: config.env.MNEMO_METRICS_PORT ?? '0',
    MNEMO_MODEL_DIR: config.modelDir,
    MNEMO_LOG_LEVEL: config.logLevel,
  };
}

async function waitForGateway(config: CliConfig, fleet: ServiceFleet): Promise<void> {
  await waitForHttpOk(`http://127.0.0.1:${config.httpPort}/health`, 60_000, () =>
    fleet.exitedError(),
  );
}

function printBanner(config: CliConfig, servers: RunningServers, logDir: string): void {
  say('');
  say(`Mnemo is running at http://localhost:${config.httpPort}`);
  say(`  MariaDB: ${redactedUrl(servers.mysqlUrl)}`);
  if (servers.credentialsFile)
    say(`  MySQL passwords (root, services): ${servers.credentialsFile}`);
  say(`  NATS:    ${servers.natsUrl}`);
  say(`  Logs:    ${logDir}`);
  say('Press Ctrl-C to stop.');
}

/** Restarts a service that exits on its own, with backoff; says so on the console. */
function superviseFleet(fleet: ServiceFleet): FleetSupervisor {
  const supervisor = new FleetSupervisor(fleet, {
    log: (line) => complain(line),
    onRestart: (service) =>
      void service.ready.then(
        () => say(`${service.instanceId} is back`),
        () => undefined,
      ),
  });
  supervisor.start();
  return supervisor;
}

/** Restarts MariaDB or NATS in place (same port and data) when one that we started exits. */
function superviseServers(servers: RunningServers): ServerSupervisor {
  const supervisor = new ServerSupervisor({
    log: (line) => complain(line),
    onRestart: (name) => say(`${name} is back`),
  });
  supervisor.start(servers.supervised);
  return supervisor;
}

function reportRestarts(supervisor: FleetSupervisor, servers?: ServerSupervisor): void {
  const counts = Object.entries(supervisor.restarts());
  const detail = counts.map(([id, count]) => `${id}: ${count}`).join(', ');
  say(`Service restarts: ${supervisor.totalRestarts}${detail ? ` (${detail})` : ''}`);
  if (!servers) return;
  const serverCounts = Object.entries(servers.restarts());
  const serverDetail = serverCounts.map(([name, count]) => `${name}: ${count}`).join(', ');
  say(`Server restarts: ${servers.totalRestarts}${serverDetail ? ` (${serverDetail})` : ''}`);
}
