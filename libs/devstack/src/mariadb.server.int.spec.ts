import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { createDatabase, databaseUrl, dropDatabase } from './databases';
import { rootUrl } from './mariadb.root';
import { findRunningMariaDb, startMariaDb } from './mariadb.server';
import { readCredentials } from './mysql-provisioning';
import { freePort, isPortOpen } from './ports';
import { mariaDbPaths } from './server-args';
import { findServers, installCommand, type ServerBinaries } from './server-binaries';

/** These specs need the real server: a missing binary fails them, it never skips them. */
async function requireBinaries(): Promise<ServerBinaries> {
  const lookup = await findServers({ pathEnv: process.env.PATH });
  if (lookup.missingPackages.length > 0) {
    const command = installCommand(lookup.missingPackages, process.getuid?.() === 0);
    throw new Error(`MariaDB is missing: run \`npm test\` (it installs it) or ${command}`);
  }
  return lookup.found as ServerBinaries;
}

async function queryOne(url: string, sql: string): Promise<unknown> {
  const connection = await createConnection(url);
  try {
    const [rows] = await connection.query(sql);
    return (rows as unknown[])[0];
  } finally {
    await connection.end();
  }
}

describe(startMariaDb.name, () => {
  jest.setTimeout(120_000);
  let dataDir: string;
  let binaries: ServerBinaries;

  beforeAll(async () => {
    binaries = await requireBinaries();
    dataDir = await mkdtemp(join(tmpdir(), 'devstack-mariadb-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('initialises a private data dir, keeps data across restarts and reuses a live server', async () => {
    const port = await freePort();
    const first = await startMariaDb({ dataDir, port, binaries, durability: 'relaxed' });
    const { root } = await readCredentials(mariaDbPaths(dataDir).credentials);
    expect(root).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(first).toMatchObject({
      url: `mysql://root:${root}@127.0.0.1:${port}/mnemo`,
      reused: false,
    });
    expect(await queryOne(first.url, 'SELECT @@character_set_database AS charset')).toEqual({
      charset: 'utf8mb4',
    });
    await queryOne(first.url, 'CREATE TABLE kept (id INT PRIMARY KEY)');
    await queryOne(first.url, 'INSERT INTO kept VALUES (7)');

    const again = await startMariaDb({ dataDir, port, binaries });
    expect(again).toMatchObject({ pid: first.pid, reused: true });

    await first.stop();
    expect(await isPortOpen(port)).toBe(false);
    expect(await findRunningMariaDb(dataDir)).toBeUndefined();

    const restarted = await startMariaDb({ dataDir, port, binaries });
    try {
      expect(restarted.reused).toBe(false);
      expect(await queryOne(restarted.url, 'SELECT id FROM kept')).toEqual({ id: 7 });
    } finally {
      await restarted.stop();
    }
  });

  it('creates and drops suite databases on a running server', async () => {
    const port = await freePort();
    const server = await startMariaDb({ dataDir, port, binaries, durability: 'relaxed' });
    try {
      const serverUrl = databaseUrl(server.url, '');
      const url = await createDatabase(serverUrl, 'suite_one');
      expect(url).toBe(databaseUrl(server.url, 'suite_one'));
      expect(await queryOne(url, 'SELECT DATABASE() AS db')).toEqual({ db: 'suite_one' });
      await dropDatabase(serverUrl, 'suite_one');
      expect(await queryOne(server.url, "SHOW DATABASES LIKE 'suite_one'")).toBeUndefined();
    } finally {
      await server.stop();
    }
  });

  it('gives root a password kept in a 0600 file and confines files to secure_file_priv', async () => {
    const port = await freePort();
    const server = await startMariaDb({ dataDir, port, binaries, durability: 'relaxed' });
    try {
      const file = mariaDbPaths(dataDir).credentials;
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      await expect(queryOne(rootUrl(port), 'SELECT 1')).rejects.toMatchObject({
        code: 'ER_ACCESS_DENIED_ERROR',
      });
      expect(
        await queryOne(
          server.url,
          "SELECT @@secure_file_priv AS dir, LOAD_FILE('/etc/passwd') AS passwd",
        ),
      ).toEqual({ dir: `${mariaDbPaths(dataDir).secureFileDir}/`, passwd: null });
    } finally {
      await server.stop();
    }
  });

  it('sets a root password on a data dir from before root had one', async () => {
    const port = await freePort();
    const server = await startMariaDb({ dataDir, port, binaries, durability: 'relaxed' });
    const connection = await createConnection(server.url);
    for (const host of ['localhost', '127.0.0.1', '::1']) {
      await connection.query("ALTER USER 'root'@? IDENTIFIED BY ''", [host]);
    }
    await connection.end();
    await rm(mariaDbPaths(dataDir).credentials);
    await server.stop();
    const upgraded = await startMariaDb({ dataDir, port, binaries });
    try {
      const { root } = await readCredentials(mariaDbPaths(dataDir).credentials);
      expect(upgraded.url).toBe(`mysql://root:${root}@127.0.0.1:${port}/mnemo`);
      await expect(queryOne(rootUrl(port), 'SELECT 1')).rejects.toMatchObject({
        code: 'ER_ACCESS_DENIED_ERROR',
      });
    } finally {
      await upgraded.stop();
    }
  });
});
