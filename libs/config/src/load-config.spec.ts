import { z } from 'zod';
import { baseConfigSchema, providerConfigSchema } from './config.schemas';
import { ConfigError, loadConfig } from './load-config';

describe(loadConfig.name, () => {
  it('applies defaults when the environment is empty', () => {
    const config = loadConfig(baseConfigSchema, {});
    expect(config.MNEMO_NATS_URL).toBe('nats://127.0.0.1:4233');
    expect(config.MNEMO_REQUEST_TIMEOUT_MS).toBe(5000);
  });

  it('lists every bad key at once', () => {
    const schema = baseConfigSchema.extend({ MNEMO_HTTP_PORT: z.coerce.number().int().max(65535) });
    let error: unknown;
    try {
      loadConfig(schema, {
        MNEMO_NATS_URL: 'http://x',
        MNEMO_HTTP_PORT: '99999',
        MNEMO_LOG_LEVEL: 'loud',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const keys = (error as ConfigError).issues.map((issue) => issue.split(':')[0]).sort();
    expect(keys).toEqual(['MNEMO_HTTP_PORT', 'MNEMO_LOG_LEVEL', 'MNEMO_NATS_URL']);
  });

  it('picks the local providers without an API key and openai with one', () => {
    expect(loadConfig(providerConfigSchema, {}).MNEMO_EMBEDDER_PROVIDER).toBe('local');
    const withKey = loadConfig(providerConfigSchema, { OPENAI_API_KEY: 'sk-test' });
    expect(withKey.MNEMO_EMBEDDER_PROVIDER).toBe('openai');
    expect(withKey.MNEMO_LLM_PROVIDER).toBe('openai');
  });

  it('rejects an openai provider without a key', () => {
    expect(() => loadConfig(providerConfigSchema, { MNEMO_LLM_PROVIDER: 'openai' })).toThrow(
      /OPENAI_API_KEY: required when an openai provider is selected/,
    );
  });
});
