import { createOpenAiClient, OPENAI_DEFAULT_BASE_URL } from './openai-client.factory';

describe(createOpenAiClient.name, () => {
  const saved = { ...process.env };

  afterEach(() => {
    process.env = { ...saved };
  });

  it('ignores the SDK environment variables', () => {
    process.env['OPENAI_BASE_URL'] = 'http://from-env.invalid/v1';
    process.env['OPENAI_ORG_ID'] = 'org-env';
    process.env['OPENAI_PROJECT_ID'] = 'proj-env';

    const client = createOpenAiClient({ apiKey: 'sk-1', attemptTimeoutMs: 1_000, maxRetries: 1 });

    expect(client.baseURL).toBe(OPENAI_DEFAULT_BASE_URL);
    expect(client.organization).toBeNull();
    expect(client.project).toBeNull();
  });

  it('passes the base URL, attempt timeout and retries to the SDK', () => {
    const client = createOpenAiClient({
      apiKey: 'sk-1',
      baseURL: 'http://127.0.0.1:9/v1',
      attemptTimeoutMs: 1_234,
      maxRetries: 4,
    });

    expect({
      baseURL: client.baseURL,
      timeout: client.timeout,
      maxRetries: client.maxRetries,
    }).toEqual({ baseURL: 'http://127.0.0.1:9/v1', timeout: 1_234, maxRetries: 4 });
  });

  it('accepts an empty key for servers that take none', () => {
    process.env['OPENAI_API_KEY'] = 'sk-env';

    expect(createOpenAiClient({ apiKey: '', attemptTimeoutMs: 1, maxRetries: 0 }).apiKey).toBe(
      'unused',
    );
  });
});
