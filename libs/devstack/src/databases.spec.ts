import { createDatabase, databaseUrl, redactedUrl, uniqueDatabaseName } from './databases';

describe('databases', () => {
  it('points a server URL at another database, keeping the credentials', () => {
    expect(databaseUrl('mysql://root:s%40cret@127.0.0.1:3317/mnemo', 'suite_1')).toBe(
      'mysql://root:s%40cret@127.0.0.1:3317/suite_1',
    );
    expect(databaseUrl('mysql://root@127.0.0.1:3317', 'x')).toBe('mysql://root@127.0.0.1:3317/x');
  });

  it('masks the password of a URL', () => {
    expect(redactedUrl('mysql://root:s3cret@127.0.0.1:3317/mnemo')).toBe(
      'mysql://root:***@127.0.0.1:3317/mnemo',
    );
    expect(redactedUrl('nats://127.0.0.1:4233')).toBe('nats://127.0.0.1:4233');
  });

  it('makes names that are plain identifiers', () => {
    const name = uniqueDatabaseName('mnemo_e2e');
    expect(name).toMatch(/^mnemo_e2e_[a-z0-9]+_[a-z0-9]+$/);
    expect(uniqueDatabaseName('mnemo_e2e')).not.toBe(name);
  });

  it('refuses a name that is not a plain identifier before connecting', async () => {
    await expect(createDatabase('mysql://root@127.0.0.1:1/', 'x`; DROP')).rejects.toThrow(
      'Invalid database name: x`; DROP',
    );
  });
});
