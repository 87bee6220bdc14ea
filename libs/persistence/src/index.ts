export * from './database';
export * from './vector-column';
