export * from './fake-embedding';
export * from './fake-openai.args';
export * from './fake-openai.server';
export type { FakeChatRequest, FakeEmbeddingsRequest } from './fake-openai.wire';
