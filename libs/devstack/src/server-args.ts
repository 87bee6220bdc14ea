import { availableParallelism } from 'node:os';
import { join } from 'node:path';

/** Where one MariaDB instance keeps its files under its data directory. */
export function mariaDbPaths(dataDir: string) {
  return {
    datadir: join(dataDir, 'db'),
    socket: join(dataDir, 'mariadbd.sock'),
    pidFile: join(dataDir, 'mariadbd.pid'),
    errorLog: join(dataDir, 'mariadbd.err'),
    initialisedMarker: join(dataDir, 'db', '.mnemo-initialised'),
    /** Empty and written by nobody: LOAD_FILE and INTO OUTFILE reach only this. */
    secureFileDir: join(dataDir, 'secure-file-priv'),
    /** Root and service account passwords, mode 0600. */
    credentials: join(dataDir, 'credentials.json'),
  };
}

export type Durability = 'full' | 'relaxed';

export interface MariaDbArgsOptions {
  dataDir: string;
  port: number;
  /** 'relaxed' skips fsync per commit: for throwaway test data only. */
  durability?: Durability;
  bufferPoolMb?: number;
}

/** Arguments for mariadb-install-db: a private datadir; root gets its password at first start. */
export function mariaDbInstallArgs(dataDir: string): string[] {
  return [
    '--no-defaults',
    '--user=root',
    `--datadir=${mariaDbPaths(dataDir).datadir}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    '--skip-name-resolve',
  ];
}

/** Arguments for mariadbd; `--no-defaults` keeps /etc/mysql from leaking in. */
export function mariaDbServerArgs(options: MariaDbArgsOptions): string[] {
  const paths = mariaDbPaths(options.dataDir);
  const args = [
    '--no-defaults',
    '--user=root',
    `--datadir=${paths.datadir}`,
    `--port=${options.port}`,
    `--socket=${paths.socket}`,
    `--pid-file=${paths.pidFile}`,
    `--log-error=${paths.errorLog}`,
    '--bind-address=127.0.0.1',
    `--secure-file-priv=${paths.secureFileDir}`,
    '--skip-name-resolve',
    '--skip-log-bin',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    `--innodb-buffer-pool-size=${options.bufferPoolMb ?? 256}M`,
    '--max-connections=500',
  ];
  if (options.durability === 'relaxed') {
    args.push('--innodb-flush-log-at-trx-commit=0', '--innodb-doublewrite=0');
  }
  return args;
}

/** Where one NATS server keeps its files under its data directory. */
export function natsPaths(dataDir: string) {
  return {
    storeDir: join(dataDir, 'jetstream'),
    pidFile: join(dataDir, 'nats-server.pid'),
    logFile: join(dataDir, 'nats-server.log'),
    configFile: join(dataDir, 'nats-server.conf'),
  };
}

/** The largest message the local NATS takes: 8 MB, as in deploy/ (the server's default is 1 MB). */
export const NATS_MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;

/** nats-server has no flag for max_payload, so it goes in a config file under the data dir. */
export function natsServerConfig(options: { syncAlways?: boolean } = {}): string {
  const payload = `max_payload: ${NATS_MAX_PAYLOAD_BYTES}\n`;
  // fsync after every JetStream write instead of every 2 minutes (nats-server 2.10 and later)
  return options.syncAlways ? `${payload}jetstream {\n  sync_interval: always\n}\n` : payload;
}

/** MNEMO_NATS_SYNC_ALWAYS=true: every NATS server a local or test stack starts fsyncs each write. */
export function natsSyncAlways(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.MNEMO_NATS_SYNC_ALWAYS === 'true' || env.MNEMO_NATS_SYNC_ALWAYS === '1';
}

// Up to this many cores, nats-server shares the machine with MariaDB and every service.
const smallMachineCores = 4;

/**
 * The environment nats-server is started with. On a small machine the stack's nats-server runs
 * Go on one thread (GOMAXPROCS=1): with more, Go's scheduler spins threads across the cores on
 * every wake-up, CPU the services beside it need (measured on 2 cores: verbatim writes +30 %).
 * A GOMAXPROCS of the caller's own is kept, and a larger machine gets Go's default.
 */
export function natsServerEnv(
  env: NodeJS.ProcessEnv = process.env,
  cores: number = availableParallelism(),
): NodeJS.ProcessEnv {
  if (env.GOMAXPROCS?.trim() || cores > smallMachineCores) return env;
  return { ...env, GOMAXPROCS: '1' };
}

/** One node's place in a NATS cluster on loopback: its route port and its peers' route ports. */
export interface NatsClusterNode {
  clusterName: string;
  serverName: string;
  routePort: number;
  peerRoutePorts: number[];
}

/** Arguments for nats-server with JetStream on loopback (a cluster node when `cluster` is given). */
export function natsServerArgs(dataDir: string, port: number, cluster?: NatsClusterNode): string[] {
  const paths = natsPaths(dataDir);
  const clusterArgs = cluster
    ? [
        '--server_name',
        cluster.serverName,
        '--cluster_name',
        cluster.clusterName,
        '--cluster',
        `nats://127.0.0.1:${cluster.routePort}`,
        '--routes',
        cluster.peerRoutePorts.map((peer) => `nats://127.0.0.1:${peer}`).join(','),
      ]
    : [];
  return [
    ...clusterArgs,
    '-c',
    paths.configFile,
    '-a',
    '127.0.0.1',
    '-p',
    String(port),
    '-js',
    '-sd',
    paths.storeDir,
    '-P',
    paths.pidFile,
  ];
}

/** The port a running server was started with, read back from its command line. */
export function portFromCommandLine(commandLine: string[]): number | undefined {
  for (let i = 0; i < commandLine.length; i++) {
    const arg = commandLine[i];
    const value = arg.startsWith('--port=') ? arg.slice(7) : arg === '-p' ? commandLine[i + 1] : '';
    const port = Number.parseInt(value ?? '', 10);
    if (Number.isInteger(port) && port > 0) return port;
  }
  return undefined;
}
