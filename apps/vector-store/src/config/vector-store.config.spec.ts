import { ConfigError, loadConfig } from '@mnemo/config';
import { vectorStoreConfigSchema } from './vector-store.config';

describe('vectorStoreConfigSchema', () => {
  it('defaults the outbox and the event stream to values that fit together', () => {
    const config = loadConfig(vectorStoreConfigSchema, {});
    expect(config).toMatchObject({
      MNEMO_OUTBOX_POLL_MS: 1000,
      MNEMO_OUTBOX_BATCH: 100,
      MNEMO_OUTBOX_RELAY_DELAY_MS: 0,
      MNEMO_EVENTS_MAX_AGE_MS: 7 * 24 * 3_600_000,
      MNEMO_EVENTS_DUPLICATE_WINDOW_MS: 3_600_000,
    });
  });

  it('refuses a dedupe window shorter than the relay retry horizon or longer than the stream keeps events', () => {
    const issues = (env: Record<string, string>) => {
      try {
        loadConfig(vectorStoreConfigSchema, env);
        return [];
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        return err.issues;
      }
    };
    expect(issues({ MNEMO_EVENTS_DUPLICATE_WINDOW_MS: '60000' })).toEqual([
      "MNEMO_EVENTS_DUPLICATE_WINDOW_MS: must be at least 70000 ms, twice the relay's retry horizon",
    ]);
    expect(
      issues({ MNEMO_EVENTS_DUPLICATE_WINDOW_MS: '7200000', MNEMO_EVENTS_MAX_AGE_MS: '3600000' }),
    ).toEqual(['MNEMO_EVENTS_DUPLICATE_WINDOW_MS: must not exceed MNEMO_EVENTS_MAX_AGE_MS']);
  });
});
