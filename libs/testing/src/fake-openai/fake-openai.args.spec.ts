import { parseFakeOpenAiArgs } from './fake-openai.args';

describe(parseFakeOpenAiArgs.name, () => {
  it('defaults to an ephemeral port on 127.0.0.1 without a key or latency', () => {
    expect(parseFakeOpenAiArgs([], {})).toEqual({ port: 0, host: '127.0.0.1', latencyMs: 0 });
  });

  it('reads the environment', () => {
    const env = {
      FAKE_OPENAI_PORT: '4010',
      FAKE_OPENAI_HOST: '0.0.0.0',
      FAKE_OPENAI_API_KEY: 'sk-env',
      FAKE_OPENAI_LATENCY_MS: '15',
    };

    expect(parseFakeOpenAiArgs([], env)).toEqual({
      port: 4010,
      host: '0.0.0.0',
      apiKey: 'sk-env',
      latencyMs: 15,
    });
  });

  it('lets flags win over the environment', () => {
    const argv = ['--port', '4020', '--api-key', 'sk-flag', '--latency-ms', '3'];

    expect(parseFakeOpenAiArgs(argv, { FAKE_OPENAI_PORT: '4010' })).toEqual({
      port: 4020,
      host: '127.0.0.1',
      apiKey: 'sk-flag',
      latencyMs: 3,
    });
  });

  it('refuses a port out of range and unknown flags', () => {
    expect(() => parseFakeOpenAiArgs(['--port', '70000'], {})).toThrow(/port/);
    expect(() => parseFakeOpenAiArgs(['--colour'], {})).toThrow("Unknown option '--colour'");
  });
});
