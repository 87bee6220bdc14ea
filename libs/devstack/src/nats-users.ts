import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generatePassword } from './mysql-provisioning';
import { SERVICE_NAMES, type ServiceName } from './service-names';

/** One user of nats-server; no `permissions` means every subject (the admin user). */
export interface NatsUser {
  user: string;
  password: string;
  permissions?: object;
}

export interface NatsAuth {
  users: NatsUser[];
  /**
   * The user a client sending no credentials is taken for. Test stacks set it to the admin user so
   * suites that connect to NATS themselves need no credentials; never set it in production.
   */
  noAuthUser?: string;
}

/** The user for operators, tools and test suites: every subject. Never given to a service. */
export const NATS_ADMIN_USER = 'admin';

/** The permissions of a service's user (`natsPermissions` from `@mnemo/contracts`). */
export type NatsPermissionsOf = (service: ServiceName) => object;

/** The `authorization` block of nats-server's config (its config syntax reads JSON). */
export function natsAuthorizationConfig(auth: NatsAuth): string {
  const users = auth.users.map(({ user, password, permissions }) => ({
    user,
    password,
    ...(permissions ? { permissions } : {}),
  }));
  const lines = [`authorization: ${JSON.stringify({ users }, null, 2)}`];
  if (auth.noAuthUser) lines.push(`no_auth_user: ${JSON.stringify(auth.noAuthUser)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * A password per service and one for the admin, kept in `file` (mode 0600) so a restarted server
 * and its clients agree; missing ones are generated.
 */
export async function natsPasswords(file: string): Promise<Record<string, string>> {
  const stored = await readPasswords(file);
  const names = [...SERVICE_NAMES, NATS_ADMIN_USER];
  const passwords = Object.fromEntries(
    names.map((name) => [name, stored[name] ?? generatePassword()]),
  );
  if (names.some((name) => stored[name] === undefined)) {
    await writeFile(file, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return passwords;
}

async function readPasswords(file: string): Promise<Record<string, string | undefined>> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

/** A user per service with its permissions, and the admin user. */
export function natsAuth(
  passwords: Record<string, string>,
  permissionsOf: NatsPermissionsOf,
  options: { adminWithoutCredentials?: boolean } = {},
): NatsAuth {
  const users: NatsUser[] = SERVICE_NAMES.map((service) => ({
    user: service,
    password: passwords[service],
    permissions: permissionsOf(service),
  }));
  users.push({ user: NATS_ADMIN_USER, password: passwords[NATS_ADMIN_USER] });
  return {
    users,
    ...(options.adminWithoutCredentials ? { noAuthUser: NATS_ADMIN_USER } : {}),
  };
}

/**
 * The users of a NATS started by the local or a test stack, passwords in `<dir>/nats-users.json`.
 * A client without credentials (the CLI, a suite's own connection, a service run by hand) is taken
 * for the admin: these servers listen on loopback only. deploy/ has no such user.
 */
export async function loopbackNatsAuth(
  dir: string,
  permissionsOf: NatsPermissionsOf,
): Promise<NatsAuth> {
  await mkdir(dir, { recursive: true });
  const passwords = await natsPasswords(join(dir, 'nats-users.json'));
  return natsAuth(passwords, permissionsOf, { adminWithoutCredentials: true });
}

/** The URL (every server of it) carrying a user, as `natsConnectionOptions` reads it. */
export function natsUrlWithUser(url: string, user: string, password: string): string {
  return url
    .split(',')
    .map((server) => server.trim())
    .filter((server) => server.length > 0)
    .map((server) => {
      const parsed = new URL(server.includes('://') ? server : `nats://${server}`);
      parsed.username = encodeURIComponent(user);
      parsed.password = encodeURIComponent(password);
      return `${parsed.protocol}//${parsed.username}:${parsed.password}@${parsed.host}`;
    })
    .join(',');
}

/** Each service's MNEMO_NATS_URL on a server started with `auth`. */
export function serviceNatsUrls(url: string, auth: NatsAuth): Record<ServiceName, string> {
  return Object.fromEntries(
    SERVICE_NAMES.map((service) => [service, userUrl(url, auth, service)]),
  ) as Record<ServiceName, string>;
}

/** The admin's URL on a server started with `auth`. */
export function adminNatsUrl(url: string, auth: NatsAuth): string {
  return userUrl(url, auth, NATS_ADMIN_USER);
}

function userUrl(url: string, auth: NatsAuth, name: string): string {
  const user = auth.users.find((candidate) => candidate.user === name);
  if (!user) throw new Error(`No NATS user ${name}`);
  return natsUrlWithUser(url, user.user, user.password);
}

/** The env var holding a user's password in deploy/ (the NATS server and the service read it). */
export function natsPasswordVariable(user: string): string {
  return `MNEMO_NATS_PASSWORD_${user.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * deploy/'s `authorization` block: the same users and permissions, each password a reference to
 * its env var (nats-server fails to start when one is not set).
 */
export function deployNatsUsersConfig(permissionsOf: NatsPermissionsOf): string {
  const user = (name: string, permissions?: object) => {
    const fields = [`user: ${JSON.stringify(name)}`, `password: $${natsPasswordVariable(name)}`];
    if (permissions) fields.push(`permissions: ${JSON.stringify(permissions, null, 2)}`);
    return `    {\n${fields.map((field) => indent(field, 6)).join('\n')}\n    }`;
  };
  const users = [
    ...SERVICE_NAMES.map((name) => user(name, permissionsOf(name))),
    user(NATS_ADMIN_USER),
  ];
  return [
    '# Generated from libs/contracts/src/bus-permissions.ts; deploy/nats-users.spec.ts checks it.',
    '# Regenerate: UPDATE_NATS_USERS=1 npx jest --selectProjects unit --testPathPatterns deploy/nats-users',
    'authorization {',
    '  users: [',
    users.join('\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => `${' '.repeat(spaces)}${line}`)
    .join('\n');
}
