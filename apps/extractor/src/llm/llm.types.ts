/** The one logger method the LLM path uses; a pino logger fits. */
export interface WarnLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
}

/** Sampling settings passed to every call; left out, the provider's defaults apply. */
export interface LlmCallOptions {
  temperature?: number;
  maxTokens?: number;
}

export interface GeneratedInstructions {
  customInstructions: string;
  testMessage: string;
}

/** `POST /generate-instructions`: custom extraction instructions and a message to try them on. */
export interface InstructionGenerator {
  generate(useCase: string): Promise<GeneratedInstructions>;
}
