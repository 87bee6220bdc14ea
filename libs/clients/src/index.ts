export * from './embedder.client';
export * from './vector-store.client';
