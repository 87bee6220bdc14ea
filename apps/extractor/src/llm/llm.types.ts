import type { ConversationMessage } from '../extraction';

/** The one logger method the LLM path uses; a pino logger fits. */
export interface WarnLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
}

/** Sampling settings passed to every call; left out, the provider's defaults apply. */
export interface LlmCallOptions {
  temperature?: number;
  maxTokens?: number;
}

/** Mem0's procedural memory: one free-text execution log of an agent's conversation. */
export interface ProceduralSummarizer {
  summarize(messages: ConversationMessage[], customPrompt?: string): Promise<string>;
}

export interface GeneratedInstructions {
  customInstructions: string;
  testMessage: string;
}

/** `POST /generate-instructions`: custom extraction instructions and a message to try them on. */
export interface InstructionGenerator {
  generate(useCase: string): Promise<GeneratedInstructions>;
}
