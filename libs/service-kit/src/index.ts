export * from './run-service';
export * from './runtime';
export * from './runtime.module';
