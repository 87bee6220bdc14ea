export * from './run-service';
export * from './runtime';
export * from './runtime.module';
export * from './database.module';
export * from './http-observability';
