export * from './embedding';
export * from './llm';
export * from './provider-factory';
export * from './text';
export * from './instrumented-providers';
