import { resolve } from 'node:path';
import { loadTestStackConfig } from './test-stack.config';

describe(loadTestStackConfig.name, () => {
  it('says to run npm test when MNEMO_MYSQL_URL is missing', () => {
    expect(() => loadTestStackConfig({ PATH: '/usr/bin' })).toThrow(
      'startMnemo: MNEMO_MYSQL_URL is not set: run the tests with `npm test`, which starts MariaDB and NATS',
    );
  });

  it('reads the shared stack and keeps jest-only variables from the services', () => {
    const config = loadTestStackConfig({
      MNEMO_MYSQL_URL: 'mysql://root@127.0.0.1:3317/mnemo',
      MNEMO_NATS_URL: 'nats://127.0.0.1:4233',
      MNEMO_TEST_ECHO: 'warn',
      JEST_WORKER_ID: '1',
      NODE_ENV: 'test',
      OPENAI_API_KEY: 'sk-test',
    });
    const root = resolve(__dirname, '../../../..');
    expect(config).toEqual({
      workspaceRoot: root,
      mysqlServerUrl: 'mysql://root@127.0.0.1:3317/mnemo',
      sharedNatsUrl: 'nats://127.0.0.1:4233',
      modelDir: resolve(root, '.cache/models'),
      dataDir: undefined,
      echo: 'warn',
      pathEnv: '',
      baseEnv: {
        MNEMO_MYSQL_URL: 'mysql://root@127.0.0.1:3317/mnemo',
        MNEMO_NATS_URL: 'nats://127.0.0.1:4233',
        MNEMO_TEST_ECHO: 'warn',
        OPENAI_API_KEY: 'sk-test',
      },
    });
    expect(config.workspaceRoot).toBe(resolve(__dirname, '../../../..'));
  });
});
