export * from './llm-provider';
// The OpenAI-compatible providers (LLM and embeddings) are reached through this door.
export * from '../openai';
