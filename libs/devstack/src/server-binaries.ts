import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { StackLog } from './process-tools';
import { runCommand } from './tool-command';

export interface ServerBinaries {
  mariadbd: string;
  mariadbInstallDb: string;
  natsServer: string;
}

type BinaryKey = keyof ServerBinaries;

const BINARIES: Record<BinaryKey, { file: string; aptPackage: string }> = {
  mariadbd: { file: 'mariadbd', aptPackage: 'mariadb-server' },
  mariadbInstallDb: { file: 'mariadb-install-db', aptPackage: 'mariadb-server' },
  natsServer: { file: 'nats-server', aptPackage: 'nats-server' },
};

// Debian puts mariadbd in /usr/sbin, which a non-login PATH often lacks.
const SYSTEM_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'];

export interface FindServersOptions {
  /** The PATH to search (the caller's environment). */
  pathEnv?: string;
  /** Searched after PATH; defaults to the usual sbin and bin directories. */
  systemDirs?: string[];
}

export interface InstallServersOptions extends FindServersOptions {
  log?: StackLog;
  /** Whether we may run apt-get; defaults to running as root. */
  canInstall?: boolean;
}

export interface ServerLookup {
  found: Partial<ServerBinaries>;
  missingPackages: string[];
}

/** Finds each server binary on PATH and in the system directories. */
export async function findServers(options: FindServersOptions = {}): Promise<ServerLookup> {
  const dirs = searchDirs(options.pathEnv, options.systemDirs);
  const found: Partial<ServerBinaries> = {};
  const missing = new Set<string>();
  for (const key of Object.keys(BINARIES) as BinaryKey[]) {
    const path = await firstExecutable(dirs, BINARIES[key].file);
    if (path) found[key] = path;
    else missing.add(BINARIES[key].aptPackage);
  }
  return { found, missingPackages: [...missing] };
}

/** The command that installs the given packages, as a person would type it. */
export function installCommand(packages: string[], asRoot: boolean): string {
  const sudo = asRoot ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(' ')}`;
}

/** Finds mariadbd, mariadb-install-db and nats-server; installs the missing packages when root. */
export async function findOrInstallServers(
  options: InstallServersOptions = {},
): Promise<ServerBinaries> {
  const first = await findServers(options);
  if (first.missingPackages.length === 0) return complete(first);
  const canInstall = options.canInstall ?? process.getuid?.() === 0;
  const command = installCommand(first.missingPackages, canInstall);
  if (!canInstall) throw new Error(command);
  options.log?.(`Installing ${first.missingPackages.join(', ')}: ${command}`);
  await aptGetInstall(first.missingPackages);
  const second = await findServers(options);
  if (second.missingPackages.length > 0) {
    throw new Error(`Still missing after installing: ${second.missingPackages.join(', ')}`);
  }
  return complete(second);
}

/** `apt-get update`, then the packages without their recommendations, unattended. */
export async function aptGetInstall(packages: string[]): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runCommand('apt-get', ['update'], { env });
  await runCommand('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env });
}

function complete(lookup: ServerLookup): ServerBinaries {
  const { mariadbd, mariadbInstallDb, natsServer } = lookup.found;
  if (!mariadbd || !mariadbInstallDb || !natsServer) throw new Error('Server lookup incomplete');
  return { mariadbd, mariadbInstallDb, natsServer };
}

export function searchDirs(pathEnv: string | undefined, systemDirs = SYSTEM_DIRS): string[] {
  const fromPath = (pathEnv ?? '').split(delimiter).filter((dir) => dir.length > 0);
  return [...new Set([...fromPath, ...systemDirs])];
}

/** The first `dir/file` that may be executed, in the order of dirs. */
export async function firstExecutable(dirs: string[], file: string): Promise<string | undefined> {
  for (const dir of dirs) {
    const candidate = join(dir, file);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      continue;
    }
  }
  return undefined;
}
