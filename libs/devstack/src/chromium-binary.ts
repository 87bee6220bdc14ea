import {
  aptGetInstall,
  firstExecutable,
  installCommand,
  searchDirs,
  type FindServersOptions,
  type InstallServersOptions,
} from './server-binaries';

/** Debian's package and the names its browser goes by (Ubuntu's transitional one too). */
const chromiumPackage = 'chromium';
const chromiumFiles = ['chromium', 'chromium-browser'];

/** The browser the console's tests drive: `chromium` on PATH or in the system directories. */
export async function findChromium(options: FindServersOptions = {}): Promise<string | undefined> {
  const dirs = searchDirs(options.pathEnv, options.systemDirs);
  for (const file of chromiumFiles) {
    const path = await firstExecutable(dirs, file);
    if (path) return path;
  }
  return undefined;
}

/**
 * Finds chromium, installing Debian's package with apt-get when it is missing and we are root, as
 * for MariaDB and NATS. Otherwise it throws the command to run: the browser tests never skip.
 */
export async function findOrInstallChromium(options: InstallServersOptions = {}): Promise<string> {
  const found = await findChromium(options);
  if (found) return found;
  const canInstall = options.canInstall ?? process.getuid?.() === 0;
  const command = installCommand([chromiumPackage], canInstall);
  if (!canInstall) throw new Error(`chromium is missing for the browser tests: ${command}`);
  options.log?.(`Installing ${chromiumPackage}: ${command}`);
  await aptGetInstall([chromiumPackage]);
  const installed = await findChromium(options);
  if (!installed) throw new Error(`Still missing after installing: ${chromiumPackage}`);
  return installed;
}
