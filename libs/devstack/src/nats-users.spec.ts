import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  adminNatsUrl,
  NATS_ADMIN_USER,
  natsAuth,
  natsAuthorizationConfig,
  natsPasswords,
  serviceNatsUrls,
} from './nats-users';
import { SERVICE_NAMES } from './service-names';

const permissionsOf = (service: string) => ({ publish: { allow: [`${service}.out`] } });

describe(natsPasswords.name, () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'nats-users-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('generates a password per service and the admin, keeps them 0600 and reuses them', async () => {
    const file = join(dir, 'nats-users.json');
    const first = await natsPasswords(file);
    expect(Object.keys(first).sort()).toEqual([...SERVICE_NAMES, NATS_ADMIN_USER].sort());
    expect(new Set(Object.values(first)).size).toBe(SERVICE_NAMES.length + 1);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await natsPasswords(file)).toEqual(first);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(first);
  });
});

describe(natsAuthorizationConfig.name, () => {
  const passwords = Object.fromEntries(
    [...SERVICE_NAMES, NATS_ADMIN_USER].map((name) => [name, `pw-${name}`]),
  );

  it('writes each service with its permissions and the admin with none', () => {
    const config = natsAuthorizationConfig(natsAuth(passwords, permissionsOf));
    const users = JSON.parse(config.slice('authorization: '.length)).users;
    expect(users).toContainEqual({
      user: 'gateway',
      password: 'pw-gateway',
      permissions: { publish: { allow: ['gateway.out'] } },
    });
    expect(users).toContainEqual({ user: 'admin', password: 'pw-admin' });
    expect(config).not.toContain('no_auth_user');
  });

  it('takes a client without credentials for the admin only when asked', () => {
    const auth = natsAuth(passwords, permissionsOf, { adminWithoutCredentials: true });
    expect(natsAuthorizationConfig(auth)).toContain('no_auth_user: "admin"');
  });

  it('puts each user in every server of the URL', () => {
    const auth = natsAuth(passwords, permissionsOf);
    const url = 'nats://127.0.0.1:1,nats://127.0.0.1:2';
    expect(serviceNatsUrls(url, auth)['vector-store']).toBe(
      'nats://vector-store:pw-vector-store@127.0.0.1:1,nats://vector-store:pw-vector-store@127.0.0.1:2',
    );
    expect(adminNatsUrl(url, auth)).toBe(
      'nats://admin:pw-admin@127.0.0.1:1,nats://admin:pw-admin@127.0.0.1:2',
    );
  });
});
