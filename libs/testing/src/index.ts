export * from './fake-openai';
export * from './fake-mem0-oss';
export * from './eventually';
export * from './services';
export * from './memory-record.fixture';
export * from './sql-error';
