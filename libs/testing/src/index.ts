export * from './fake-openai';
export * from './eventually';
export * from './services';
export * from './memory-record.fixture';
export * from './sql-error';
