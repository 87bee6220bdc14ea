export * from './breakers';
export * from './bus-context';
export * from './codec';
export * from './in-flight';
export * from './job-queue';
export * from './nats-bus';
export * from './settings-store';
