/** The one logger method the LLM path uses; a pino logger fits. */
export interface WarnLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
}

/** Sampling settings passed to every call; left out, the provider's defaults apply. */
export interface LlmCallOptions {
  temperature?: number;
  maxTokens?: number;
}
