import { ConfigError, loadConfig } from '@mnemo/config';
import { sqlSpaceSettings } from '../channel-b/channel-b.config';
import { structuredDataConfigSchema } from './structured-data.config';

describe('structuredDataConfigSchema', () => {
  it("holds channel B's keys, so one parse at start gives the SQL space settings", () => {
    const config = loadConfig(structuredDataConfigSchema, {
      MNEMO_MYSQL_URL: 'mysql://sd:pw@db.internal:3310/mnemo',
      MNEMO_PUBLIC_MYSQL_HOST: ' sql.example.com ',
      MNEMO_SQL_ACCOUNT_MAX_CONNECTIONS: '7',
    });
    expect(sqlSpaceSettings(config)).toEqual({
      mainDatabase: 'mnemo',
      publicHost: 'sql.example.com',
      publicPort: 3310,
      maxConnections: 7,
      maxStatementSeconds: 30,
    });
  });

  it("lists a bad channel B key with the service's other bad keys", () => {
    let error: unknown;
    try {
      loadConfig(structuredDataConfigSchema, {
        MNEMO_JOB_MAX_ATTEMPTS: '0',
        MNEMO_PUBLIC_MYSQL_PORT: '70000',
        MNEMO_SQL_ACCOUNT_MAX_STATEMENT_SECONDS: '-1',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const keys = (error as ConfigError).issues.map((issue) => issue.split(':')[0]);
    expect(keys.sort()).toEqual([
      'MNEMO_JOB_MAX_ATTEMPTS',
      'MNEMO_PUBLIC_MYSQL_PORT',
      'MNEMO_SQL_ACCOUNT_MAX_STATEMENT_SECONDS',
    ]);
  });
});
