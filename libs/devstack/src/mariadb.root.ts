import { connectToServer } from './databases';
import { generatePassword, readCredentials, writeCredentials } from './mysql-provisioning';
import type { StackLog } from './process-tools';

const ACCESS_DENIED = 1045;
const CANNOT_USER = 1396;

/** `mysql://root[:password]@127.0.0.1:<port>/`. */
export function rootUrl(port: number, password?: string): string {
  const url = new URL(`mysql://127.0.0.1:${port}/`);
  url.username = 'root';
  if (password) url.password = password;
  return url.toString();
}

/** True once the server answers the protocol, even if it refuses the login. */
export async function mariaDbAnswers(port: number): Promise<boolean> {
  try {
    await (await connectToServer(rootUrl(port))).end();
  } catch (error) {
    if ((error as { errno?: number }).errno !== ACCESS_DENIED) throw error;
  }
  return true;
}

/**
 * The root URL with the password kept in `credentialsFile`. A root without a password (a fresh
 * data dir, or one from before root had a password) gets the stored one, generated if missing.
 */
export async function securedRootUrl(
  port: number,
  credentialsFile: string,
  log?: StackLog,
): Promise<string> {
  const stored = await readCredentials(credentialsFile);
  if (stored.root && (await canLogIn(rootUrl(port, stored.root)))) {
    return rootUrl(port, stored.root);
  }
  const password = (stored.root ??= generatePassword());
  // Stored before it is set, so a crash in between cannot lose the password.
  await writeCredentials(credentialsFile, stored);
  const connection = await connectToServer(rootUrl(port)).catch((error: unknown) => {
    throw new Error(
      `MariaDB root refuses both no password and the one in ${credentialsFile}: ${String(error)}`,
    );
  });
  try {
    const [rows] = await connection.query(
      "SELECT Host AS host FROM mysql.user WHERE User = 'root'",
    );
    for (const { host } of rows as { host: string }[]) {
      await connection
        .query('ALTER USER ?@? IDENTIFIED BY ?', ['root', host, password])
        .catch(ignoreUnloadedAccount);
    }
  } finally {
    await connection.end();
  }
  log?.(`MariaDB root password set; it is in ${credentialsFile}`);
  return rootUrl(port, password);
}

/** `root@<hostname>` is not loaded under --skip-name-resolve, so it cannot log in anyway. */
function ignoreUnloadedAccount(error: unknown): void {
  if ((error as { errno?: number }).errno !== CANNOT_USER) throw error;
}

async function canLogIn(url: string): Promise<boolean> {
  try {
    await (await connectToServer(url)).end();
    return true;
  } catch (error) {
    if ((error as { errno?: number }).errno === ACCESS_DENIED) return false;
    throw error;
  }
}
