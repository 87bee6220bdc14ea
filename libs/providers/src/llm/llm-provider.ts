import type { ErrorCode } from '@mnemo/contracts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmCompletionRequest {
  messages: ChatMessage[];
  /** Ask for a single JSON object as the reply. */
  json?: boolean;
  temperature?: number;
  maxTokens?: number;
}

/** What one `complete()` took: time (retries included), outcome and the tokens the server counted. */
export interface LlmCallRecord {
  model: string;
  seconds: number;
  outcome: 'ok' | ProviderErrorCode;
  promptTokens?: number;
  completionTokens?: number;
}

/** Told of every finished call, in the caller's async context (metrics, per-request tallies). */
export type LlmCallObserver = (record: LlmCallRecord) => void;

export interface LlmProvider {
  readonly name: string;
  readonly model: string;
  complete(req: LlmCompletionRequest): Promise<string>;
}

/** The contracts' `provider_*` error codes, plus `unknown` for failures nothing else describes. */
export type ProviderErrorCode = Extract<ErrorCode, `provider_${string}`> | 'unknown';

/** Every failure of an LLM or embedding provider surfaces as this. */
export class ProviderError extends Error {
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProviderError';
  }
}

export function isProviderError(err: unknown): err is ProviderError {
  return err instanceof ProviderError;
}
