import OpenAI from 'openai';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

// Keyless OpenAI-compatible servers (Ollama, vLLM) ignore the key, but the SDK insists on one.
const KEYLESS_PLACEHOLDER = 'unused';

export interface OpenAiClientOptions {
  /** Empty for servers that take no key. */
  apiKey: string;
  /** Any OpenAI-compatible endpoint; OpenAI's own when omitted. */
  baseURL?: string;
  /** Budget of one HTTP attempt; the SDK retries an attempt that runs out. */
  attemptTimeoutMs: number;
  /** Retries on 408/409/429/5xx and connection errors, with the SDK's backoff. */
  maxRetries: number;
}

/**
 * Retries are left to the SDK: it honours `Retry-After`/`retry-after-ms` (up to 60 s),
 * `x-should-retry`, and otherwise backs off exponentially with jitter (0.5 s doubling to 8 s).
 * Every setting is passed explicitly so the SDK never falls back to its own environment variables.
 */
export function createOpenAiClient(options: OpenAiClientOptions): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey || KEYLESS_PLACEHOLDER,
    baseURL: options.baseURL ?? OPENAI_DEFAULT_BASE_URL,
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    timeout: options.attemptTimeoutMs,
    maxRetries: options.maxRetries,
    // Failures surface as ProviderError to the caller, who logs them; the SDK would use console.
    logLevel: 'off',
  });
}
