export * from './micro-batcher';
export * from './openai-embedding.provider';
export * from './openai-llm.provider';
export * from './provider-circuit';
export * from './provider-error.mapper';
