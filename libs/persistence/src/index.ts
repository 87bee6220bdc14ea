export * from './database';
export * from './vector-column';
export * from './sql-error-code';
export * from './throwaway-database';
