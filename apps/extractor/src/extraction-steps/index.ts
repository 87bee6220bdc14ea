export * from './extraction.tokens';
export * from './extraction.types';
